package io.mockfactory.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;

/** A service reached at a host and port with a user name and password (Redis, the PostgreSQL flavours). */
public abstract class HostCredentials extends ServiceCredentials {
    HostCredentials(String type, JsonNode fields) {
        super(type, fields);
    }

    public String host() {
        return text("host");
    }

    public int port() {
        return fields.path("port").asInt();
    }

    public String username() {
        return text("username");
    }

    public String password() {
        return text("password");
    }
}
