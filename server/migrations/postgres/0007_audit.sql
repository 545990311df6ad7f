-- The audit log (R8) is append-only: the database itself refuses to change
-- or remove an event. Details name fields, never their values.
CREATE TABLE audit_events (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id  BIGINT  NOT NULL REFERENCES workspaces (id),
    at            BIGINT  NOT NULL,
    member_id     BIGINT  REFERENCES members (id),
    action        TEXT    NOT NULL,
    client_id     BIGINT  REFERENCES clients (id),
    task_id       BIGINT  REFERENCES tasks (id),
    detail        TEXT    NOT NULL
);
CREATE INDEX audit_by_time ON audit_events (workspace_id, at, id);
CREATE INDEX audit_by_member ON audit_events (workspace_id, member_id, at);
CREATE INDEX audit_by_client ON audit_events (workspace_id, client_id, at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
