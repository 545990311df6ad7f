-- The audit log's action column gets its CHECK like every other enum
-- column: the words of `handoff::audit::AuditAction`, and no other. A new
-- action adds a migration that rebuilds the table again. SQLite cannot add
-- a CHECK to a table: it is rebuilt with its indexes and its append-only
-- triggers (DROP TABLE fires no DELETE trigger; nothing refers to it).
CREATE TABLE audit_events_checked (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
    at            INTEGER NOT NULL,
    member_id     INTEGER REFERENCES members (id),
    action        TEXT    NOT NULL CHECK (action IN ('sign_in', 'disclosure_added', 'disclosure_removed', 'disclosures_ended', 'disclosed_shown', 'client_erased', 'audit_exported', 'profile_changed', 'relay_approved', 'relay_edited', 'relay_returned', 'message_forwarded', 'portal_link_created', 'portal_link_revoked', 'portal_sign_in')),
    client_id     INTEGER REFERENCES clients (id),
    task_id       INTEGER REFERENCES tasks (id),
    detail        TEXT    NOT NULL
);
INSERT INTO audit_events_checked (id, workspace_id, at, member_id, action, client_id, task_id, detail)
SELECT id, workspace_id, at, member_id, action, client_id, task_id, detail FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_checked RENAME TO audit_events;
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
