package io.mockfactory.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;

/** A PostgreSQL service (plain, pgvector or PostGIS). */
public final class PostgresCredentials extends HostCredentials {
    PostgresCredentials(String type, JsonNode fields) {
        super(type, fields);
    }

    /** {@code jdbc:postgresql://host:port/database}; pass {@link #username()} and {@link #password()} beside it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database();
    }

    /** {@code postgresql://user:password@host:port/database}, as psql and libpq take it. */
    public String url() {
        return text("url");
    }

    public String database() {
        return text("database");
    }

    @Override
    public String address() {
        return host() + ":" + port() + "/" + database();
    }
}
