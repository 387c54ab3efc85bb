-- Each StorageUsageReported once (by event id): what an environment's storage held from measured_at until its next
-- report. Byte-hours are the area under these steps, so redelivery and arrival order change nothing.
CREATE TABLE storage_samples (
    event_id       TEXT        PRIMARY KEY,
    user_id        TEXT        NOT NULL,
    environment_id TEXT        NOT NULL,
    service        TEXT        NOT NULL,
    bytes          BIGINT      NOT NULL,
    objects        BIGINT      NOT NULL,
    measured_at    TIMESTAMPTZ NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX storage_samples_by_owner ON storage_samples (user_id, environment_id, measured_at);

-- When each transition arrived: an event for an hour already reported (a late one) is found by this and the hour is
-- reported again, corrected
ALTER TABLE usage_transitions ADD COLUMN received_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX usage_transitions_by_arrival ON usage_transitions (received_at);
CREATE INDEX storage_samples_by_arrival ON storage_samples (received_at);

-- What UsageRecorded last said for each user, closed hour, metric and service type ('' for an environment as a
-- whole): a correction is published only when the total changes, with the next revision
CREATE TABLE usage_reports (
    user_id      TEXT        NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    metric       TEXT        NOT NULL,
    service_type TEXT        NOT NULL,
    quantity     NUMERIC     NOT NULL,
    revision     INTEGER     NOT NULL,
    reported_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, period_start, metric, service_type)
);

-- The publisher's progress: hours before closed_until are reported, and rows received up to seen_until are in them
CREATE TABLE usage_publisher (
    id           INTEGER     PRIMARY KEY CHECK (id = 1),
    closed_until TIMESTAMPTZ NOT NULL,
    seen_until   TIMESTAMPTZ NOT NULL
);
