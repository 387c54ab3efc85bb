-- Every lifecycle event that starts or ends a metered interval, one row per event and subject. What ran when is
-- computed from this set ordered by occurred_at, so redelivered events (the same event_id) and their arrival order
-- change nothing.
CREATE TABLE usage_transitions (
    event_id       TEXT        NOT NULL,
    user_id        TEXT        NOT NULL,
    environment_id TEXT        NOT NULL,
    -- a service type (redis, postgresql, …), 'environment' for the environment as a whole, or 'idle_stopped' for
    -- the time an environment spent stopped by idle auto-shutdown
    subject        TEXT        NOT NULL,
    running        BOOLEAN     NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, subject)
);

CREATE INDEX usage_transitions_by_owner ON usage_transitions (user_id, environment_id, subject, occurred_at);
