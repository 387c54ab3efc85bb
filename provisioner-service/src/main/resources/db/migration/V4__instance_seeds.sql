-- The data a new instance starts with (CreateEnvironment's seed for the service), kept until the instance's first
-- start has applied it or failed: a crash part-way re-applies it to a fresh instance. It is the user's data, so it is
-- deleted as soon as it is settled either way, and never copied into events.
CREATE TABLE instance_seeds (
    environment_id TEXT  NOT NULL,
    service        TEXT  NOT NULL,
    seed           JSONB NOT NULL,
    PRIMARY KEY (environment_id, service)
);
