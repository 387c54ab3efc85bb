-- Idempotency-Key on POST /environments/{id}/snapshots (issue 18): the snapshot the key's first request took, and what
-- that request asked for. A clone makes an environment, so its keys go in idempotency_keys with the creates'.
CREATE TABLE snapshot_idempotency_keys (
    user_id             TEXT        NOT NULL,
    idempotency_key     TEXT        NOT NULL,
    snapshot_id         TEXT        NOT NULL,
    request_fingerprint TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
