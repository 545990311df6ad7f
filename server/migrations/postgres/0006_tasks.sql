-- A task for a provider, optionally about a client. `version` grows with
-- every change, for optimistic concurrency.
CREATE TABLE tasks (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id   BIGINT  NOT NULL REFERENCES workspaces (id),
    title          TEXT    NOT NULL,
    instructions   TEXT    NOT NULL,
    client_id      BIGINT  REFERENCES clients (id),
    assignee_id    BIGINT  REFERENCES members (id),
    state          TEXT    NOT NULL,
    version        BIGINT  NOT NULL DEFAULT 1,
    created_by     BIGINT  NOT NULL REFERENCES members (id),
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);
CREATE INDEX tasks_by_workspace ON tasks (workspace_id, updated_at, id);
CREATE INDEX tasks_by_assignee ON tasks (assignee_id, updated_at, id);
CREATE INDEX tasks_by_client ON tasks (client_id, id);

-- Which client fields the task's provider may see (R1). A row is removed
-- when the disclosure ends; the audit log keeps the history.
CREATE TABLE task_disclosures (
    task_id     BIGINT  NOT NULL REFERENCES tasks (id),
    field_key   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (task_id, field_key)
);
