-- Anonymous and cross-environment requests name a bucket without saying whose: they are resolved by name across
-- environments (the requests an ACL or bucket policy lets in), which this index serves.
CREATE INDEX buckets_by_name ON buckets (name, created_at);
