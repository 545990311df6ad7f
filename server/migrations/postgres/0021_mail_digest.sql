-- Notifications in a daily digest. A member chooses, per kind, to be told
-- right away (no row), in their digest ('digest') or not at all ('off').
ALTER TABLE mail_opt_outs ADD COLUMN choice TEXT NOT NULL DEFAULT 'off' CHECK (choice IN ('off', 'digest'));

-- The hour of the member's own day (in their time zone) the digest comes.
ALTER TABLE members ADD COLUMN digest_hour BIGINT NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23);

-- A notification waiting for its member's next digest, written with the
-- change that causes it (like the outbox). Its line and link are sealed;
-- the digest that carries it deletes it.
CREATE TABLE mail_digest_items (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id   BIGINT NOT NULL REFERENCES workspaces (id),
    member_id      BIGINT NOT NULL REFERENCES members (id),
    -- Set when the line names a client by alias: erasing them deletes it.
    client_id      BIGINT REFERENCES clients (id),
    kind           TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    -- One line per cause and batching window, however often it is retried.
    dedupe_key     TEXT    NOT NULL UNIQUE,
    created_at     BIGINT NOT NULL,
    -- Not told once its reader has read that far (as in the outbox).
    read_thread_id BIGINT,
    reader         BIGINT,
    read_past      BIGINT
);
CREATE INDEX mail_digest_items_of_member ON mail_digest_items (member_id, created_at);
CREATE INDEX mail_digest_items_of_client ON mail_digest_items (client_id);
