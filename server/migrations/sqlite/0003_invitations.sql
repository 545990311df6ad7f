-- An invitation is a single-use, expiring, revocable link for one e-mail
-- and one role. Only the token's SHA-256 is stored.
CREATE TABLE invitations (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
    token_hash    TEXT    NOT NULL UNIQUE,
    email         TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'provider')),
    invited_by    INTEGER NOT NULL REFERENCES members (id),
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    accepted_at   INTEGER,
    revoked_at    INTEGER
);
CREATE INDEX invitations_by_workspace ON invitations (workspace_id, created_at);
