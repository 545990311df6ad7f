-- Live updates: hints that something changed, kept for a day so a stream
-- that reconnects can replay what it missed (by `seq`, its `Last-Event-ID`).
-- A hint holds ids only, never text. `kind` is checked for shape only: new
-- kinds come with new producers and rows live a day, so a kind needs no
-- migration (the code decodes it strictly and skips what it does not know).
CREATE TABLE live_events (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    audience      TEXT    NOT NULL CHECK (audience IN ('owners', 'member', 'client')),
    audience_id   INTEGER,
    kind          TEXT    NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
    object_id     INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    CHECK ((audience = 'owners') = (audience_id IS NULL))
);
CREATE INDEX live_events_created ON live_events (created_at);
CREATE INDEX live_events_replay ON live_events (workspace_id, seq);
