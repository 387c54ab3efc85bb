-- Warm pools: servers started ahead of demand, empty, on the port they keep for life, under a password of their own
-- (encrypted, bound to the pool id). A create leases one by deleting its row in the same transaction that writes the
-- environment's instance row: a row lock and a delete, so no instance is ever handed out twice.
CREATE TABLE pool_instances (
    id         TEXT PRIMARY KEY,
    service    TEXT        NOT NULL,
    version    TEXT        NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('warming', 'ready')),
    port       INTEGER     NOT NULL,
    secret     BYTEA       NOT NULL,
    pid        BIGINT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX pool_instances_ready ON pool_instances (service, version, created_at) WHERE status = 'ready';

-- A leased instance keeps the runtime name it was started under (its directory, its cgroup): runtime_id names it,
-- NULL meaning the environment id.
ALTER TABLE service_instances ADD COLUMN runtime_id TEXT;

-- The orphan sweep asks which live instance a runtime name belongs to
CREATE INDEX service_instances_runtime ON service_instances (runtime_id, service) WHERE runtime_id IS NOT NULL;
