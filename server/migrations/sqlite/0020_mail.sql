-- Mail (R2, R3, R8). Every message is written here in the transaction of
-- the change that causes it, and sent afterwards by a sender in each app
-- server, which claims a row for a while (`claimed_until`) so that two
-- servers never send it twice. The body is sealed at rest and dropped once
-- the message is sent or dead: what stays is who, what kind and when.
CREATE TABLE mail_outbox (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER REFERENCES workspaces (id),
    -- Set when the recipient is a client: erasing them deletes their mail.
    client_id      INTEGER REFERENCES clients (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('invitation', 'password_reset', 'portal_link', 'notification')),
    recipient      TEXT    NOT NULL,
    subject        TEXT    NOT NULL,
    body           TEXT,
    -- One message per cause and recipient, however often it is retried.
    dedupe_key     TEXT    NOT NULL UNIQUE,
    state          TEXT    NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'sent', 'dead', 'read')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until  INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    created_at     INTEGER NOT NULL,
    sent_at        INTEGER,
    -- A notification of a message is not sent once its reader has read
    -- that far on a page (state 'read'): thread, reader (a member, or 0
    -- for the client) and the newest message it tells of.
    read_thread_id INTEGER,
    reader         INTEGER,
    read_past      INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_of_workspace ON mail_outbox (workspace_id, state, created_at);
CREATE INDEX mail_outbox_of_client ON mail_outbox (client_id);

-- Addresses whose server refused them for good (a 5xx on RCPT): nothing
-- more is sent to them until an owner clears it.
CREATE TABLE mail_suppressed (
    address        TEXT    PRIMARY KEY,
    reason         TEXT    NOT NULL,
    at             INTEGER NOT NULL
);

-- Notifications someone turned off: `member:<id>` or `client:<id>`, and
-- the kind (a member's settings, or one click in the mail itself).
CREATE TABLE mail_opt_outs (
    recipient      TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('relay_waiting', 'work_submitted', 'client_replied', 'task_assigned', 'changes_requested', 'relay_decided', 'team_message', 'client_message', 'task_overdue')),
    at             INTEGER NOT NULL,
    PRIMARY KEY (recipient, kind)
);

-- When the owners were told a task passed its due time (once; a new due
-- time tells them again).
ALTER TABLE tasks ADD COLUMN overdue_told_at INTEGER;
CREATE INDEX tasks_overdue_untold ON tasks (due_sort) WHERE closed = 0 AND overdue_told_at IS NULL;

-- A "forgot password" request: a 256-bit token, stored as its hash, for
-- one account and this purpose only, for 30 minutes, used once.
CREATE TABLE password_resets (
    token_hash     TEXT    PRIMARY KEY,
    member_id      INTEGER NOT NULL REFERENCES members (id),
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    used_at        INTEGER
);
CREATE INDEX password_resets_of_member ON password_resets (member_id, created_at);

-- Three new audit actions (password reset by e-mail, a portal link sent by
-- e-mail): the audit log is rebuilt with its CHECK as in 0018.
CREATE TABLE audit_events_checked (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
    at            INTEGER NOT NULL,
    member_id     INTEGER REFERENCES members (id),
    action        TEXT    NOT NULL CHECK (action IN ('sign_in', 'disclosure_added', 'disclosure_removed', 'disclosures_ended', 'disclosed_shown', 'client_erased', 'audit_exported', 'profile_changed', 'relay_approved', 'relay_edited', 'relay_returned', 'message_forwarded', 'portal_link_created', 'portal_link_revoked', 'portal_sign_in', 'password_reset_requested', 'password_reset', 'portal_link_mailed')),
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
