package io.mockfactory.kit.db;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The PostgreSQL schema this service owns; no other service reads or writes it. */
@ConfigurationProperties("mockfactory.db")
public class SchemaSettings {
    private String schema;

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        if (schema == null || !schema.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("mockfactory.db.schema must be a lower-case SQL identifier, got " + schema);
        }
        this.schema = schema;
    }
}
