-- Enum columns of tasks and the timeline get CHECK constraints, so a bad
-- value can never be stored (the code decodes strictly as well). SQLite
-- cannot add a CHECK to a table: the tables are rebuilt. Foreign keys are
-- checked at commit, when every child row points at the rebuilt table again.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE tasks_checked (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces (id),
    title          TEXT    NOT NULL,
    instructions   TEXT    NOT NULL,
    client_id      INTEGER REFERENCES clients (id),
    assignee_id    INTEGER REFERENCES members (id),
    state          TEXT    NOT NULL CHECK (state IN ('draft', 'assigned', 'in_progress', 'submitted', 'changes_requested', 'accepted', 'cancelled')),
    version        INTEGER NOT NULL DEFAULT 1,
    created_by     INTEGER NOT NULL REFERENCES members (id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    criteria       TEXT    NOT NULL DEFAULT '[]',
    outcome_kind   TEXT    NOT NULL DEFAULT '',
    outcome_target TEXT    NOT NULL DEFAULT '',
    priority       TEXT    NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    due_at         INTEGER,
    price_kind     TEXT    NOT NULL DEFAULT 'retainer' CHECK (price_kind IN ('fixed', 'retainer', 'bonus')),
    price_minor    INTEGER NOT NULL DEFAULT 0,
    bonus_minor    INTEGER NOT NULL DEFAULT 0,
    revisions      INTEGER NOT NULL DEFAULT 0,
    closed         INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    due_sort       INTEGER NOT NULL DEFAULT 9000000000000000
);
INSERT INTO tasks_checked (id, workspace_id, title, instructions, client_id, assignee_id, state,
    version, created_by, created_at, updated_at, criteria, outcome_kind, outcome_target, priority,
    due_at, price_kind, price_minor, bonus_minor, revisions, closed, due_sort)
SELECT id, workspace_id, title, instructions, client_id, assignee_id, state,
    version, created_by, created_at, updated_at, criteria, outcome_kind, outcome_target, priority,
    due_at, price_kind, price_minor, bonus_minor, revisions, closed, due_sort
FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_checked RENAME TO tasks;
CREATE INDEX tasks_by_workspace ON tasks (workspace_id, updated_at, id);
CREATE INDEX tasks_by_assignee ON tasks (assignee_id, updated_at, id);
CREATE INDEX tasks_by_client ON tasks (client_id, id);
CREATE INDEX tasks_board ON tasks (workspace_id, closed, due_sort, id);
CREATE INDEX tasks_board_by_state ON tasks (workspace_id, state, due_sort, id);
CREATE INDEX tasks_mine ON tasks (assignee_id, closed, due_sort, id);

CREATE TABLE task_events_checked (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES tasks (id),
    at          INTEGER NOT NULL,
    member_id   INTEGER REFERENCES members (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('event')),
    detail      TEXT    NOT NULL
);
INSERT INTO task_events_checked (id, task_id, at, member_id, kind, detail)
SELECT id, task_id, at, member_id, kind, detail FROM task_events;
DROP TABLE task_events;
ALTER TABLE task_events_checked RENAME TO task_events;
CREATE INDEX task_events_by_task ON task_events (task_id, at, id);
