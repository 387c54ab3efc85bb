-- A multipart upload's checksum type (COMPOSITE or FULL_OBJECT), chosen at CreateMultipartUpload. Uploads begun before
-- this column keep NULL: their algorithm's default type.
ALTER TABLE multipart_uploads ADD COLUMN checksum_type text;
