-- Counts every change to a workspace's client values (records, custom
-- fields, former values, erasure): an app server keeps the workspace's
-- values compiled for provider pages and compiles them again only when
-- this has moved, whichever server made the change.
ALTER TABLE workspaces ADD COLUMN client_values_version BIGINT NOT NULL DEFAULT 0;
