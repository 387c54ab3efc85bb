-- Files users upload to seed new environments with (POST /api/v1/uploads): a tar, gzipped tar or zip whose files an
-- aws_s3 seed turns into objects, or a Redis RDB file. Each upload's bytes are the one blob of a namespace of its own
-- (its id and a suffix of the attempt that stored it, so that a retry's failure or a delete's janitor never touches
-- another attempt's bytes); deleting it dooms that namespace. Its size counts against the owner's storage quota with
-- their objects and snapshots.
CREATE TABLE seed_uploads (
    id         TEXT PRIMARY KEY,
    user_id    TEXT        NOT NULL,
    name       TEXT,
    format     TEXT        NOT NULL,
    size       BIGINT      NOT NULL,
    sha256     TEXT        NOT NULL,
    namespace  TEXT        NOT NULL UNIQUE,
    blob_id    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX seed_uploads_by_user ON seed_uploads (user_id, id);
