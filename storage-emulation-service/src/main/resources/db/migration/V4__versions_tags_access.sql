-- S3 in depth (issue 16): object versions, tags, ACLs, bucket policies, public access block, ownership controls.

-- NULL: versioning never enabled (every object is the single "null" version); 'Enabled' or 'Suspended' once set,
-- and S3 never lets a bucket go back to NULL.
ALTER TABLE buckets
    ADD COLUMN versioning          text,
    ADD COLUMN tags                jsonb,
    ADD COLUMN acl                 jsonb,
    ADD COLUMN policy              text,
    ADD COLUMN public_access_block jsonb,
    ADD COLUMN ownership           text;

-- Every version of a key is a row pointing at its own blob (a delete marker points at none); exactly one row per key
-- is the latest. Versions are ordered newest first by seq. Rows written before versioning are the "null" version.
ALTER TABLE objects
    ADD COLUMN version_id    text NOT NULL DEFAULT 'null',
    ADD COLUMN is_latest     boolean NOT NULL DEFAULT true,
    ADD COLUMN delete_marker boolean NOT NULL DEFAULT false,
    ADD COLUMN seq           bigserial,
    ADD COLUMN tags          jsonb,
    ADD COLUMN acl           jsonb,
    -- a completed multipart upload's parts (number, size, checksum): GetObjectAttributes and ?partNumber= read them
    ADD COLUMN parts         jsonb,
    ADD COLUMN checksum_type text;
ALTER TABLE objects ALTER COLUMN blob_id DROP NOT NULL;
ALTER TABLE objects DROP CONSTRAINT objects_pkey;
ALTER TABLE objects ADD PRIMARY KEY (bucket_id, key, version_id);
-- At most one latest version per key; it also serves listings of current objects (which skip delete markers)
CREATE UNIQUE INDEX objects_latest ON objects (bucket_id, key) WHERE is_latest;

ALTER TABLE multipart_uploads
    ADD COLUMN tags jsonb,
    ADD COLUMN acl  jsonb;
