-- The aws_s3 part of environment snapshots (issue 18): a copy of an environment's bucket and object metadata at one
-- instant. The bytes are not rewritten: each blob is linked into the snapshot's own namespace (named by the snapshot
-- id), so deleting an object, a bucket or the environment afterwards takes only the environment's link, and the
-- snapshot's is deleted with the snapshot. Unfinished multipart uploads are not part of a snapshot.
CREATE TABLE s3_snapshots (
    snapshot_id    text PRIMARY KEY,
    environment_id text NOT NULL,
    user_id        text NOT NULL,
    region         text NOT NULL,
    buckets        bigint NOT NULL,
    objects        bigint NOT NULL,
    size_bytes     bigint NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE s3_snapshot_buckets (
    snapshot_id         text NOT NULL REFERENCES s3_snapshots (snapshot_id) ON DELETE CASCADE,
    name                text NOT NULL,
    region              text NOT NULL,
    versioning          text,
    tags                jsonb,
    acl                 jsonb,
    policy              text,
    public_access_block jsonb,
    ownership           text,
    cors                jsonb,
    PRIMARY KEY (snapshot_id, name)
);

-- Every version of every key (delete markers included), as objects holds them
CREATE TABLE s3_snapshot_objects (
    snapshot_id        text NOT NULL,
    bucket_name        text NOT NULL,
    key                text COLLATE "C" NOT NULL,
    version_id         text NOT NULL,
    blob_id            text,
    size               bigint NOT NULL,
    etag               text NOT NULL,
    last_modified      timestamptz NOT NULL,
    content_type       text,
    headers            jsonb NOT NULL,
    user_metadata      jsonb NOT NULL,
    checksum_algorithm text,
    checksum           text,
    is_latest          boolean NOT NULL,
    delete_marker      boolean NOT NULL,
    seq                bigint NOT NULL,
    tags               jsonb,
    acl                jsonb,
    parts              jsonb,
    checksum_type      text,
    PRIMARY KEY (snapshot_id, bucket_name, key, version_id),
    FOREIGN KEY (snapshot_id, bucket_name) REFERENCES s3_snapshot_buckets (snapshot_id, name) ON DELETE CASCADE
);

-- A clone's aws_s3 service whose create command came before its snapshot's S3 part was taken (a clone writes both at
-- once): it waits here, provisioning, until the part exists (then it is restored) or long enough to fail.
CREATE TABLE s3_pending_restores (
    environment_id text PRIMARY KEY REFERENCES s3_services (environment_id) ON DELETE CASCADE,
    snapshot_id    text NOT NULL,
    version        text,
    correlation_id text,
    causation_id   text NOT NULL,
    requested_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX s3_pending_restores_by_snapshot ON s3_pending_restores (snapshot_id);
