-- The audit log (R8) is append-only: the database itself refuses to change
-- or remove an event. Details name fields, never their values.
CREATE TABLE audit_events (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
    at            INTEGER NOT NULL,
    member_id     INTEGER REFERENCES members (id),
    action        TEXT    NOT NULL,
    client_id     INTEGER REFERENCES clients (id),
    task_id       INTEGER REFERENCES tasks (id),
    detail        TEXT    NOT NULL
);
CREATE INDEX audit_by_time ON audit_events (workspace_id, at, id);
CREATE INDEX audit_by_member ON audit_events (workspace_id, member_id, at);
CREATE INDEX audit_by_client ON audit_events (workspace_id, client_id, at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
