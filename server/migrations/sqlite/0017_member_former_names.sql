-- Every name a member had before a rename. Toward a client every
-- provider's name is masked, former ones too: a provider who renames
-- themselves must not unmask the messages that named them.
CREATE TABLE member_former_names (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id),
    display_name  TEXT NOT NULL,
    replaced_at   INTEGER NOT NULL
);

CREATE INDEX member_former_names_by_workspace ON member_former_names (workspace_id);
