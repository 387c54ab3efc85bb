-- The version of the environment's aws_s3 service when it has one: its part of the snapshot (buckets and objects) is
-- taken and kept by storage-emulation-service, which the worker asks for it. NULL: no S3 part.
ALTER TABLE snapshots ADD COLUMN storage_version TEXT;
