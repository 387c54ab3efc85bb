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
    /** The same service for streamed uploads: a client of its own, whose read timeout allows for a large body. */
    public static final String STORAGE_UPLOADS = "storage-uploads";
    public static final String BILLING = "billing";

    @Singleton
    @Named(AUTH)
    PeerCalls auth(AuthServiceSettings settings) {
        return peer("auth-service", "Authentication", settings);
    }

    @Singleton
    @Named(ENVIRONMENT)
    PeerCalls environment(AuthServiceSettings settings) {
        return peer("environment-service", "Environments", settings);
    }

    @Singleton
    @Named(PROVISIONER)
    PeerCalls provisioner(AuthServiceSettings settings) {
        return peer("provisioner-service", "Credentials", settings);
    }

    @Singleton
    @Named(STORAGE)
    PeerCalls storage(AuthServiceSettings settings) {
        return peer("storage-emulation-service", "Credentials", settings);
    }

    @Singleton
    @Named(BILLING)
    PeerCalls billing(AuthServiceSettings settings) {
        return peer("billing-service", "Billing", settings);
    }

    /** @param what what the caller is told is unavailable while the breaker is open */
    private static PeerCalls peer(String service, String what, AuthServiceSettings settings) {
        return new PeerCalls(service, what + " " + (what.endsWith("s") ? "are" : "is")
                + " temporarily unavailable; retry shortly.", settings.getCallsPerCaller());
    }
}
