-- A bucket's CORS configuration (PutBucketCors): its CORSRules in order, as a jsonb array. The row goes with its
-- bucket. Unauthenticated preflights look configurations up by bucket name across environments, starting from this
-- table (only buckets with a configuration are in it) and joining buckets by primary key.
CREATE TABLE bucket_cors (
    bucket_id   bigint PRIMARY KEY REFERENCES buckets (id) ON DELETE CASCADE,
    rules       jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
