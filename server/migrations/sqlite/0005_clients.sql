-- Clients belong to one workspace. Personal values live only in this table
-- and client_fields; erasure empties them and keeps the alias.
CREATE TABLE clients (
    id             INTEGER PRIMARY KEY,
    workspace_id   INTEGER NOT NULL REFERENCES workspaces (id),
    alias          TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    name_search    TEXT    NOT NULL,
    email          TEXT,
    phone          TEXT,
    address        TEXT,
    date_of_birth  TEXT,
    notes          TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    erased_at      INTEGER,
    UNIQUE (workspace_id, alias)
);
CREATE INDEX clients_by_name ON clients (workspace_id, name_search, id);

CREATE TABLE client_fields (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    label       TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('contact', 'identity', 'health', 'payment', 'general'))
);
CREATE INDEX client_fields_by_client ON client_fields (client_id, id);
