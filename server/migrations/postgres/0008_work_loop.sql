-- The work loop (R4, R5): a task's terms, what providers hand in, what
-- owners answer, and the timeline of every change. No time tracking.
ALTER TABLE tasks ADD COLUMN criteria TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tasks ADD COLUMN outcome_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN outcome_target TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE tasks ADD COLUMN due_at BIGINT;
ALTER TABLE tasks ADD COLUMN price_kind TEXT NOT NULL DEFAULT 'retainer';
ALTER TABLE tasks ADD COLUMN price_minor BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN bonus_minor BIGINT  NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN revisions BIGINT  NOT NULL DEFAULT 0;
-- Lists read open tasks by due time through these indexes, a page at a
-- time: `closed` (accepted or cancelled) and `due_sort` (due_at, or far in
-- the future when there is none) are kept by every write of state or due.
ALTER TABLE tasks ADD COLUMN closed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN due_sort BIGINT NOT NULL DEFAULT 9000000000000000;
CREATE INDEX tasks_board ON tasks (workspace_id, closed, due_sort, id);
CREATE INDEX tasks_board_by_state ON tasks (workspace_id, state, due_sort, id);
CREATE INDEX tasks_mine ON tasks (assignee_id, closed, due_sort, id);

CREATE TABLE submissions (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id        BIGINT  NOT NULL REFERENCES tasks (id),
    round          BIGINT  NOT NULL,
    body           TEXT    NOT NULL,
    achieved       TEXT    NOT NULL CHECK (achieved IN ('yes', 'partly', 'no')),
    result_value   TEXT    NOT NULL,
    note           TEXT    NOT NULL,
    ticks          TEXT    NOT NULL,
    submitted_by   BIGINT  NOT NULL REFERENCES members (id),
    submitted_at   BIGINT  NOT NULL
);
CREATE INDEX submissions_by_task ON submissions (task_id, id);

CREATE TABLE reviews (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id         BIGINT  NOT NULL REFERENCES tasks (id),
    submission_id   BIGINT  NOT NULL REFERENCES submissions (id),
    decision        TEXT    NOT NULL CHECK (decision IN ('accept', 'request_changes')),
    feedback        TEXT    NOT NULL,
    process_change  TEXT    NOT NULL,
    reviewed_by     BIGINT  NOT NULL REFERENCES members (id),
    reviewed_at     BIGINT  NOT NULL
);
CREATE INDEX reviews_by_task ON reviews (task_id, id);

CREATE TABLE task_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id     BIGINT  NOT NULL REFERENCES tasks (id),
    at          BIGINT  NOT NULL,
    member_id   BIGINT  REFERENCES members (id),
    kind        TEXT    NOT NULL,
    detail      TEXT    NOT NULL
);
CREATE INDEX task_events_by_task ON task_events (task_id, at, id);
