-- V1 of rollback/current, edited after it was applied: its checksum no longer matches the history
CREATE TABLE widgets (
    id   BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    size INTEGER
);
