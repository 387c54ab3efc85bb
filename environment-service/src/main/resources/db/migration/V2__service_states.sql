-- Per-service state and the masked connection strings, filled from ServiceReady/Started/Stopped/... events
ALTER TABLE environments ADD COLUMN endpoints JSONB NOT NULL DEFAULT '{}'::jsonb;
