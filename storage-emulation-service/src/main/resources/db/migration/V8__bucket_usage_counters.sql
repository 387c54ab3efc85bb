-- The bytes each bucket holds (its object versions and the parts of its unfinished uploads), kept by triggers in the
-- transaction of every change to objects and upload_parts, whatever code path makes it. The storage quota reads a
-- handful of these rows where it summed every object of the user on every write (issue 17); usage reports still sum
-- the objects themselves. Each bucket has up to 8 rows, one per backend (pg_backend_pid() % 8): concurrent writers of
-- one bucket, each on its own connection, do not queue on one counter row until they commit.
CREATE TABLE bucket_usage (
    bucket_id bigint NOT NULL REFERENCES buckets (id) ON DELETE CASCADE,
    shard     smallint NOT NULL,
    bytes     bigint NOT NULL,
    PRIMARY KEY (bucket_id, shard)
);

-- A bucket deleted in this transaction has no counter to change: its rows went with it (the cascade)
CREATE FUNCTION count_bucket_bytes(bucket bigint, delta bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF delta = 0 OR bucket IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO bucket_usage (bucket_id, shard, bytes)
    SELECT bucket, pg_backend_pid() % 8, delta WHERE EXISTS (SELECT 1 FROM buckets WHERE id = bucket)
    ON CONFLICT (bucket_id, shard) DO UPDATE SET bytes = bucket_usage.bytes + EXCLUDED.bytes;
END $$;

CREATE FUNCTION objects_count_bytes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM count_bucket_bytes(NEW.bucket_id, NEW.size);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM count_bucket_bytes(OLD.bucket_id, -OLD.size);
    ELSIF NEW.bucket_id = OLD.bucket_id THEN
        PERFORM count_bucket_bytes(NEW.bucket_id, NEW.size - OLD.size);
    ELSE
        PERFORM count_bucket_bytes(OLD.bucket_id, -OLD.size);
        PERFORM count_bucket_bytes(NEW.bucket_id, NEW.size);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER objects_count_bytes AFTER INSERT OR DELETE OR UPDATE OF size, bucket_id ON objects
    FOR EACH ROW EXECUTE FUNCTION objects_count_bytes();

-- A part's upload is gone when the parts go with it (the cascade): the upload's own trigger counted them out
CREATE FUNCTION upload_parts_count_bytes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM count_bucket_bytes((SELECT bucket_id FROM multipart_uploads WHERE upload_id = NEW.upload_id), NEW.size);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM count_bucket_bytes((SELECT bucket_id FROM multipart_uploads WHERE upload_id = OLD.upload_id), -OLD.size);
    ELSE
        PERFORM count_bucket_bytes((SELECT bucket_id FROM multipart_uploads WHERE upload_id = NEW.upload_id),
                                   NEW.size - OLD.size);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER upload_parts_count_bytes AFTER INSERT OR DELETE OR UPDATE OF size ON upload_parts
    FOR EACH ROW EXECUTE FUNCTION upload_parts_count_bytes();

CREATE FUNCTION multipart_uploads_uncount_parts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM count_bucket_bytes(OLD.bucket_id,
                               -(SELECT COALESCE(SUM(size), 0) FROM upload_parts WHERE upload_id = OLD.upload_id)::bigint);
    RETURN OLD;
END $$;

CREATE TRIGGER multipart_uploads_uncount_parts BEFORE DELETE ON multipart_uploads
    FOR EACH ROW EXECUTE FUNCTION multipart_uploads_uncount_parts();

-- What every bucket holds now
INSERT INTO bucket_usage (bucket_id, shard, bytes)
SELECT b.id, 0, COALESCE((SELECT SUM(o.size) FROM objects o WHERE o.bucket_id = b.id), 0)
              + COALESCE((SELECT SUM(p.size) FROM multipart_uploads u JOIN upload_parts p ON p.upload_id = u.upload_id
                          WHERE u.bucket_id = b.id), 0)
FROM buckets b;
