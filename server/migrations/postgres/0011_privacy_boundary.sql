-- Values a client record held before an edit. Text written while they were
-- current may still carry them: the provider lens keeps masking them and
-- erasure scrubs them, then deletes these rows with the client's values.
CREATE TABLE client_former_values (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id    BIGINT NOT NULL REFERENCES clients (id),
    field_key    TEXT    NOT NULL,
    value        TEXT    NOT NULL,
    replaced_at  BIGINT NOT NULL
);
CREATE INDEX client_former_values_by_client ON client_former_values (client_id, id);

-- Clients a task used to be about: its text may still mention them, so the
-- provider lens masks their values too, and erasure finds the task.
CREATE TABLE task_former_clients (
    task_id     BIGINT NOT NULL REFERENCES tasks (id),
    client_id   BIGINT NOT NULL REFERENCES clients (id),
    PRIMARY KEY (task_id, client_id)
);
CREATE INDEX task_former_clients_by_client ON task_former_clients (client_id);
