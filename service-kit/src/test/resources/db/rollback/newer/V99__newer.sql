-- A migration only a newer release has: after a rollback, the older release finds it applied (an expand step)
CREATE TABLE newer_release_only (
    id BIGSERIAL PRIMARY KEY
);
