-- The environments made from a snapshot whose EnvironmentCloned went out: the first of their services to be restored
-- announces it, in the transaction that records it running, and only the first.
CREATE TABLE environment_clones (
    environment_id TEXT PRIMARY KEY,
    snapshot_id    TEXT NOT NULL,
    announced_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
