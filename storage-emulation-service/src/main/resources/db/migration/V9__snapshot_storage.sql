-- The bytes of each user's environment snapshots (the provisioner keeps their data; SnapshotCreated and
-- SnapshotDeleted say how much), counted with their objects against the tier's storage quota and in the live usage.
CREATE TABLE snapshot_storage (
    snapshot_id TEXT PRIMARY KEY,
    user_id     TEXT   NOT NULL,
    bytes       BIGINT NOT NULL
);
CREATE INDEX snapshot_storage_by_user ON snapshot_storage (user_id);
