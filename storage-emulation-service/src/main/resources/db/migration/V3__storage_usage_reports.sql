-- The figure each environment's storage was last reported to billing with (StorageUsageReported). A report holds
-- until the next one, so a pass reports only the environments whose figure differs from this, and a destroy reports
-- a zero only if a non-zero figure stands. Written in the transaction that appends the report, so the two agree.
CREATE TABLE storage_usage_reported (
    environment_id text PRIMARY KEY,
    user_id        text NOT NULL,
    bytes          bigint NOT NULL,
    objects        bigint NOT NULL,
    reported_at    timestamptz NOT NULL
);
