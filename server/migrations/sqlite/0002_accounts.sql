-- Members sign in with an e-mail that is unique across Handoff; each belongs
-- to one workspace with one role. Deactivated members keep their row (the
-- history names them) but can no longer sign in or act.
CREATE TABLE members (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces (id),
    email          TEXT    NOT NULL UNIQUE,
    display_name   TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('owner', 'provider')),
    time_zone      TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     INTEGER NOT NULL
);
CREATE INDEX members_by_workspace ON members (workspace_id, role);

-- Only a hash of the session token is stored: a leaked table opens nothing.
CREATE TABLE sessions (
    token_hash    TEXT    PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX sessions_by_member ON sessions (member_id);

-- Failed sign-ins, keyed by account and by address, for throttling.
CREATE TABLE sign_in_failures (
    throttle_key  TEXT    NOT NULL,
    at            INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (throttle_key, at);
