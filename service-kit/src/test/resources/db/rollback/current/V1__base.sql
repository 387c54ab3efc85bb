-- The schema of the release that is running (RollbackSafeMigrationIT)
CREATE TABLE widgets (
    id   BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL
);
