-- Snapshots: a consistent copy of every service's data of an environment, kept under the instances' directory
-- (_snapshots/<id>/<service>/). A row in 'creating' after a crash is taken again from scratch: what the cut-short
-- attempt copied is removed first, so nothing half-made is ever ready.
CREATE TABLE snapshots (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL,
    environment_id TEXT NOT NULL,
    name           TEXT NOT NULL,
    -- made for a clone: not listed, removed once no restore needs it
    hidden         BOOLEAN NOT NULL DEFAULT FALSE,
    status         TEXT NOT NULL,
    size_bytes     BIGINT NOT NULL DEFAULT 0,
    last_error     TEXT,
    attempts       INT NOT NULL DEFAULT 0,
    causation_id   TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    ready_at       TIMESTAMPTZ
);
CREATE INDEX snapshots_by_owner ON snapshots (user_id, created_at DESC, id DESC);
CREATE INDEX snapshots_pending ON snapshots (status) WHERE status IN ('creating', 'deleting');

CREATE TABLE snapshot_services (
    snapshot_id TEXT NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    service     TEXT NOT NULL,
    version     TEXT NOT NULL,
    size_bytes  BIGINT NOT NULL,
    PRIMARY KEY (snapshot_id, service)
);

-- A first start restored from a snapshot instead of seeded: the same once-only, counted-attempts path as a seed
ALTER TABLE instance_seeds ALTER COLUMN seed DROP NOT NULL;
ALTER TABLE instance_seeds ADD COLUMN snapshot_id TEXT;
