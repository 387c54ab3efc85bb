-- One row per service of an environment: its desired/actual state, port, encrypted password and process.
CREATE TABLE service_instances (
    environment_id TEXT        NOT NULL,
    service        TEXT        NOT NULL,
    user_id        TEXT        NOT NULL,
    version        TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    port           INTEGER,
    secret         BYTEA,
    pid            BIGINT,
    last_error     TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, service)
);

-- Work for the instance worker: anything not at rest
CREATE INDEX service_instances_pending ON service_instances (updated_at)
    WHERE status IN ('provisioning', 'starting', 'stopping', 'destroying');

-- A port belongs to at most one live service: the primary key is the guarantee, not a read before the write
CREATE TABLE port_allocations (
    port           INTEGER PRIMARY KEY,
    environment_id TEXT        NOT NULL,
    service        TEXT        NOT NULL,
    allocated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
