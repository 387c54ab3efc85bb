package io.mockfactory.kit.db;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** The PostgreSQL schema this service owns; no other service reads or writes it. */
@ConfigurationProperties("mockfactory.db")
public class SchemaSettings {
    private String schema;
    private Duration startupWait = Duration.ofSeconds(60);

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        if (schema == null || !schema.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("mockfactory.db.schema must be a lower-case SQL identifier, got " + schema);
        }
        this.schema = schema;
    }

    /** How long a starting service waits for PostgreSQL to accept connections (it may be starting too). */
    public Duration getStartupWait() {
        return startupWait;
    }

    public void setStartupWait(Duration startupWait) {
        if (startupWait == null || startupWait.isNegative()) {
            throw new IllegalArgumentException("mockfactory.db.startup-wait must be zero or more, got " + startupWait);
        }
        this.startupWait = startupWait;
    }
}
