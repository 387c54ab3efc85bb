-- A retried POST /environments with the same Idempotency-Key returns the environment the first one created
CREATE TABLE idempotency_keys (
    user_id        TEXT        NOT NULL,
    idempotency_key TEXT       NOT NULL,
    environment_id TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
