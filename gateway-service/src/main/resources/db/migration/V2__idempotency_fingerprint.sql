-- What the first request under a key asked for, so a reuse with another body is refused rather than replayed.
-- Nullable: rows written before it have none, and are replayed as before (expand-only: the previous version still runs).
ALTER TABLE idempotency_keys ADD COLUMN request_fingerprint TEXT;
