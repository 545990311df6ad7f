-- Owner-mediated contact (R2, R3): threads, relay requests, read cursors
-- and the client portal's links and sessions.

-- A thread is either a task's team thread (owners and the task's provider)
-- or a client's client thread (owners and the client), made on first use.
CREATE TABLE threads (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
    task_id       INTEGER UNIQUE REFERENCES tasks (id),
    client_id     INTEGER UNIQUE REFERENCES clients (id),
    CHECK ((task_id IS NULL) <> (client_id IS NULL))
);
CREATE INDEX threads_by_workspace ON threads (workspace_id, id);

-- One message. `side` is who wrote it as the thread sees it: the owners
-- (in a client thread: the business, approved relay requests included),
-- the task's provider, or the client. `author_id` is the member who wrote
-- or approved it (none for the client). `answered_at` and `reply_ms` are
-- set when the other side first writes after it.
CREATE TABLE thread_messages (
    id                INTEGER PRIMARY KEY,
    thread_id         INTEGER NOT NULL REFERENCES threads (id),
    side              TEXT    NOT NULL CHECK (side IN ('owners', 'provider', 'client')),
    author_id         INTEGER REFERENCES members (id),
    body              TEXT    NOT NULL,
    flags             TEXT    NOT NULL DEFAULT '[]',
    forwarded_from    INTEGER REFERENCES thread_messages (id),
    contact_approved  INTEGER NOT NULL DEFAULT 0 CHECK (contact_approved IN (0, 1)),
    created_at        INTEGER NOT NULL,
    answered_at       INTEGER,
    reply_ms          INTEGER
);
CREATE INDEX thread_messages_by_thread ON thread_messages (thread_id, id);

-- A provider's message meant for the client of their task, waiting in the
-- owners' relay queue until approved (as written or edited) or returned.
CREATE TABLE relay_requests (
    id                  INTEGER PRIMARY KEY,
    workspace_id        INTEGER NOT NULL REFERENCES workspaces (id),
    task_id             INTEGER NOT NULL REFERENCES tasks (id),
    client_id           INTEGER NOT NULL REFERENCES clients (id),
    provider_id         INTEGER NOT NULL REFERENCES members (id),
    body                TEXT    NOT NULL,
    flags               TEXT    NOT NULL DEFAULT '[]',
    state               TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'returned')),
    version             INTEGER NOT NULL DEFAULT 1,
    sent_body           TEXT,
    edited              INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    flags_acknowledged  INTEGER NOT NULL DEFAULT 0 CHECK (flags_acknowledged IN (0, 1)),
    reason              TEXT,
    decided_by          INTEGER REFERENCES members (id),
    decided_at          INTEGER,
    message_id          INTEGER REFERENCES thread_messages (id),
    provider_seen_at    INTEGER,
    created_at          INTEGER NOT NULL
);
CREATE INDEX relay_requests_queue ON relay_requests (workspace_id, state, id);
CREATE INDEX relay_requests_by_task ON relay_requests (task_id, id);

-- How far a reader has read a thread: a member, or (member_id 0) the
-- thread's client in the portal.
CREATE TABLE read_cursors (
    thread_id     INTEGER NOT NULL REFERENCES threads (id),
    member_id     INTEGER NOT NULL,
    last_read_id  INTEGER NOT NULL,
    PRIMARY KEY (thread_id, member_id)
);

-- One live private link per client; regenerating replaces the row.
CREATE TABLE portal_links (
    client_id       INTEGER PRIMARY KEY REFERENCES clients (id),
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id),
    token_hash      TEXT    NOT NULL UNIQUE,
    created_by      INTEGER NOT NULL REFERENCES members (id),
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    revoked_at      INTEGER,
    last_opened_at  INTEGER
);

-- A client's portal session, apart from members' sessions.
CREATE TABLE portal_sessions (
    token_hash    TEXT    PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX portal_sessions_by_client ON portal_sessions (client_id);

-- Whether the task's status shows in its client's portal.
ALTER TABLE tasks ADD COLUMN show_in_portal INTEGER NOT NULL DEFAULT 0 CHECK (show_in_portal IN (0, 1));
