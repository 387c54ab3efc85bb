-- No unique constraint on purpose: a message handled twice shows up as two rows
CREATE TABLE recorded_effects (
    id             BIGSERIAL PRIMARY KEY,
    environment_id TEXT NOT NULL,
    event_id       TEXT NOT NULL
);
