-- Files users upload to seed new environments with (POST /api/v1/uploads): a tar, gzipped tar or zip whose files an
-- aws_s3 seed turns into objects. Each upload's bytes are the one blob of its own namespace (its id), so deleting it
-- dooms the namespace; its size counts against the owner's storage quota with their objects and snapshots.
CREATE TABLE seed_uploads (
    id         TEXT PRIMARY KEY,
    user_id    TEXT        NOT NULL,
    name       TEXT,
    format     TEXT        NOT NULL,
    size       BIGINT      NOT NULL,
    sha256     TEXT        NOT NULL,
    blob_id    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX seed_uploads_by_user ON seed_uploads (user_id, id);
