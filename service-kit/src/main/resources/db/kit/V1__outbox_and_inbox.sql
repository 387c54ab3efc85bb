-- Tables every service has, in its own schema: the transactional outbox and the idempotent inbox.

CREATE TABLE outbox (
    id             BIGSERIAL PRIMARY KEY,
    event_id       TEXT        NOT NULL UNIQUE,
    topic          TEXT        NOT NULL,
    message_key    TEXT,
    type           TEXT        NOT NULL,
    correlation_id TEXT,
    envelope       TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at   TIMESTAMPTZ
);

-- The relay only ever scans unpublished rows in id order
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE inbox (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
