-- Offline drafts (R6): the server's copy of what a provider is writing,
-- one per (member, task, kind), and the first answer to each idempotent
-- action so that a replayed request is never applied twice.

-- `version` grows by one with each save; a save from an older version is
-- refused as a conflict. Messages use `body` only; a submission's draft
-- also its outcome, result, note and ticked criteria (a JSON list of
-- indexes). Erasing a client deletes the drafts that mention them.
CREATE TABLE drafts (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    task_id       INTEGER NOT NULL REFERENCES tasks (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('submission', 'team_message', 'relay_request')),
    body          TEXT    NOT NULL,
    achieved      TEXT    NOT NULL DEFAULT '',
    result_value  TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '',
    met           TEXT    NOT NULL DEFAULT '[]',
    version       BIGINT  NOT NULL CHECK (version > 0),
    updated_at    BIGINT  NOT NULL,
    UNIQUE (member_id, task_id, kind)
);
CREATE INDEX drafts_by_task ON drafts (task_id);

-- A key the browser made for one queued action, and the answer the first
-- request got (JSON). Written in the action's own transaction.
CREATE TABLE idempotency_keys (
    member_id   INTEGER NOT NULL REFERENCES members (id),
    idem_key    TEXT    NOT NULL,
    answer      TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (member_id, idem_key)
);
