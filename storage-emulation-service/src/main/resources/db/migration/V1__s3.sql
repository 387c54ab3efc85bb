-- One row per environment that asked for aws_s3: its access key pair (the secret AES-GCM encrypted) and state.
CREATE TABLE s3_services (
    environment_id  text PRIMARY KEY,
    user_id         text NOT NULL,
    access_key_id   text NOT NULL UNIQUE,
    secret          bytea NOT NULL,
    region          text NOT NULL,
    status          text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Bucket names are per environment: one environment's buckets are invisible to another's keys.
CREATE TABLE buckets (
    id              bigserial PRIMARY KEY,
    environment_id  text NOT NULL REFERENCES s3_services (environment_id) ON DELETE CASCADE,
    name            text NOT NULL,
    region          text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (environment_id, name)
);

-- Keys compare byte-wise (COLLATE "C"), which is S3's listing order for UTF-8 keys; the primary key serves listings.
CREATE TABLE objects (
    bucket_id           bigint NOT NULL REFERENCES buckets (id) ON DELETE CASCADE,
    key                 text COLLATE "C" NOT NULL,
    blob_id             text NOT NULL,
    size                bigint NOT NULL,
    etag                text NOT NULL,
    last_modified       timestamptz NOT NULL,
    content_type        text,
    headers             jsonb NOT NULL DEFAULT '{}'::jsonb,
    user_metadata       jsonb NOT NULL DEFAULT '{}'::jsonb,
    checksum_algorithm  text,
    checksum            text,
    PRIMARY KEY (bucket_id, key)
);

CREATE TABLE multipart_uploads (
    upload_id           text PRIMARY KEY,
    bucket_id           bigint NOT NULL REFERENCES buckets (id) ON DELETE CASCADE,
    key                 text COLLATE "C" NOT NULL,
    initiated           timestamptz NOT NULL DEFAULT now(),
    content_type        text,
    headers             jsonb NOT NULL DEFAULT '{}'::jsonb,
    user_metadata       jsonb NOT NULL DEFAULT '{}'::jsonb,
    checksum_algorithm  text
);
CREATE INDEX multipart_uploads_by_key ON multipart_uploads (bucket_id, key, upload_id);

CREATE TABLE upload_parts (
    upload_id       text NOT NULL REFERENCES multipart_uploads (upload_id) ON DELETE CASCADE,
    part_number     int NOT NULL,
    blob_id         text NOT NULL,
    size            bigint NOT NULL,
    etag            text NOT NULL,
    checksum        text,
    last_modified   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (upload_id, part_number)
);

-- Blob deletions owed to the store, recorded in the transaction that dropped the last reference so a crash between
-- the commit and the delete leaks nothing; blob_id NULL means the whole namespace (a destroyed environment).
CREATE TABLE doomed_blobs (
    id          bigserial PRIMARY KEY,
    namespace   text NOT NULL,
    blob_id     text,
    doomed_at   timestamptz NOT NULL DEFAULT now()
);
