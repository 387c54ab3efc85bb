-- Idle auto-shutdown: the tier's idle window (NULL: never) and the last time a service reported client activity
ALTER TABLE environments ADD COLUMN idle_minutes int;
ALTER TABLE environments ADD COLUMN last_activity_at timestamptz;
