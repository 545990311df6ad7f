-- An invitation is a single-use, expiring, revocable link for one e-mail
-- and one role. Only the token's SHA-256 is stored.
CREATE TABLE invitations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id  BIGINT  NOT NULL REFERENCES workspaces (id),
    token_hash    TEXT    NOT NULL UNIQUE,
    email         TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'provider')),
    invited_by    BIGINT  NOT NULL REFERENCES members (id),
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    accepted_at   BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX invitations_by_workspace ON invitations (workspace_id, created_at);
