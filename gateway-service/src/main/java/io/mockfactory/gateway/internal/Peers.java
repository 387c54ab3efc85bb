package io.mockfactory.gateway.internal;

import io.micronaut.context.annotation.Factory;
import io.mockfactory.gateway.security.AuthServiceSettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The internal services the gateway calls, by the ids their Micronaut clients use ({@code micronaut.http.services.<id>},
 * whose url and timeouts application.yml sets), each with its own breaker and bulkhead.
 */
@Factory
public class Peers {
    public static final String AUTH = "auth";
    public static final String ENVIRONMENT = "environment";
    public static final String PROVISIONER = "provisioner";
    public static final String STORAGE = "storage";

    @Singleton
    @Named(AUTH)
    PeerCalls auth(AuthServiceSettings settings) {
        return new PeerCalls("auth-service", "Authentication is temporarily unavailable; retry shortly.",
                settings.getCallsPerCaller());
    }

    @Singleton
    @Named(ENVIRONMENT)
    PeerCalls environment(AuthServiceSettings settings) {
        return new PeerCalls("environment-service", "Environments are temporarily unavailable; retry shortly.",
                settings.getCallsPerCaller());
    }

    @Singleton
    @Named(PROVISIONER)
    PeerCalls provisioner(AuthServiceSettings settings) {
        return new PeerCalls("provisioner-service", "Credentials are temporarily unavailable; retry shortly.",
                settings.getCallsPerCaller());
    }

    @Singleton
    @Named(STORAGE)
    PeerCalls storage(AuthServiceSettings settings) {
        return new PeerCalls("storage-emulation-service", "Credentials are temporarily unavailable; retry shortly.",
                settings.getCallsPerCaller());
    }
}
