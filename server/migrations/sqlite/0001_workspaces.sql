-- A workspace is one business: the tenant wall of rule R7.
-- Instants are UTC milliseconds since the Unix epoch; a zone is for display only.
CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    time_zone   TEXT    NOT NULL,
    currency    TEXT    NOT NULL CHECK (length(currency) = 3),
    created_at  INTEGER NOT NULL
);
