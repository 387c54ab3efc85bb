-- The running-environment quota as a hard bound: a create or start claims a slot in the same transaction as its
-- command, under a per-user lock, and the slot is released when the environment is stopped, destroyed or failed.
CREATE TABLE quota_claims (
    environment_id TEXT        PRIMARY KEY,
    user_id        TEXT        NOT NULL,
    claimed_at     TIMESTAMPTZ NOT NULL,
    released_at    TIMESTAMPTZ
);

CREATE INDEX quota_claims_held ON quota_claims (user_id) WHERE released_at IS NULL;
