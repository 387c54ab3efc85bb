package io.mockfactory.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;

/** A Redis service: {@link #uri()} ({@code redis://default:…@host:port}) works with every client, redis-cli included. */
public final class RedisCredentials extends HostCredentials {
    RedisCredentials(String type, JsonNode fields) {
        super(type, fields);
    }

    public URI uri() {
        return URI.create(text("url"));
    }

    @Override
    public String address() {
        return host() + ":" + port();
    }
}
