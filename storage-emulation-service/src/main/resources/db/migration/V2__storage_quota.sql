-- The tier each user's storage quota comes from: set by their environments' create commands and kept current by
-- billing's UserTierChanged events
CREATE TABLE user_tiers (
    user_id    text PRIMARY KEY,
    tier       text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- What counts against a user's quota is summed per user under a lock: these make the sums index-only walks
CREATE INDEX s3_services_by_user ON s3_services (user_id);
CREATE INDEX buckets_by_environment ON buckets (environment_id);
