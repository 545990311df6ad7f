-- Enum columns of tasks and the timeline get CHECK constraints, so a bad
-- value can never be stored (the code decodes strictly as well).
ALTER TABLE tasks ADD CONSTRAINT tasks_state_check CHECK (state IN ('draft', 'assigned', 'in_progress', 'submitted', 'changes_requested', 'accepted', 'cancelled'));
ALTER TABLE tasks ADD CONSTRAINT tasks_priority_check CHECK (priority IN ('low', 'normal', 'high', 'urgent'));
ALTER TABLE tasks ADD CONSTRAINT tasks_price_kind_check CHECK (price_kind IN ('fixed', 'retainer', 'bonus'));
ALTER TABLE tasks ADD CONSTRAINT tasks_closed_check CHECK (closed IN (0, 1));
ALTER TABLE task_events ADD CONSTRAINT task_events_kind_check CHECK (kind IN ('event'));
