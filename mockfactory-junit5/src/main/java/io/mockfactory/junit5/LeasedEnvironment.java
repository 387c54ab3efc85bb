package io.mockfactory.junit5;

import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.client.credentials.Credentials;
import io.mockfactory.client.credentials.ServiceCredentials;
import io.mockfactory.client.environment.Environment;

/** An environment a test holds: its state when it became ready, its credentials, and the client that leased it. */
public final class LeasedEnvironment {
    private final MockFactoryClient client;
    private final Environment environment;
    private final Credentials credentials;

    LeasedEnvironment(MockFactoryClient client, Environment environment, Credentials credentials) {
        this.client = client;
        this.environment = environment;
        this.credentials = credentials;
    }

    public String id() {
        return environment.id();
    }

    public Environment environment() {
        return environment;
    }

    public Credentials credentials() {
        return credentials;
    }

    public <T extends ServiceCredentials> T service(String type, Class<T> kind) {
        return credentials.of(type, kind);
    }

    /** For what the extension does not do itself: stop and start it, read its events. */
    public MockFactoryClient client() {
        return client;
    }

    @Override
    public String toString() {
        return environment.toString();
    }
}
