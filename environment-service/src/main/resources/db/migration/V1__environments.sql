-- The read model of environments, projected from commands and lifecycle events.

CREATE TABLE environments (
    id          TEXT PRIMARY KEY,
    user_id     TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    services    JSONB       NOT NULL,
    ttl_minutes INTEGER,
    created_at  TIMESTAMPTZ NOT NULL,
    started_at  TIMESTAMPTZ,
    stopped_at  TIMESTAMPTZ,
    expires_at  TIMESTAMPTZ,
    last_error  TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Listing a user's environments newest first, paginated by (created_at, id)
CREATE INDEX environments_by_user ON environments (user_id, created_at DESC, id DESC);

-- Lifecycle history; events may arrive before the environment row (different topics), so no foreign key
CREATE TABLE environment_history (
    id             BIGSERIAL PRIMARY KEY,
    environment_id TEXT        NOT NULL,
    event_id       TEXT        NOT NULL,
    type           TEXT        NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    payload        JSONB       NOT NULL
);

CREATE INDEX environment_history_by_environment ON environment_history (environment_id, occurred_at, id);
