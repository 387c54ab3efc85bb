package io.mockfactory.gateway.internal;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.mockfactory.gateway.security.AuthServiceSettings;
import io.mockfactory.kit.internal.InternalToken;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** One client, and one circuit breaker, per internal service the gateway talks to. */
@Factory
public class InternalServiceClients {
    public static final String AUTH = "auth";
    public static final String ENVIRONMENT = "environment";
    public static final String PROVISIONER = "provisioner";
    public static final String STORAGE = "storage";

    @Singleton
    @Named(AUTH)
    InternalServiceClient auth(@Value("${mockfactory.services.auth.url:`http://localhost:8081`}") String url,
                               InternalToken token, AuthServiceSettings settings) {
        return new InternalServiceClient("auth-service", url, token, settings.getCallTimeout(),
                "Authentication is temporarily unavailable; retry shortly.", settings.getCallsPerCaller());
    }

    @Singleton
    @Named(ENVIRONMENT)
    InternalServiceClient environment(@Value("${mockfactory.services.environment.url:`http://localhost:8082`}") String url,
                                      InternalToken token, AuthServiceSettings settings) {
        return new InternalServiceClient("environment-service", url, token, settings.getCallTimeout(),
                "Environments are temporarily unavailable; retry shortly.", settings.getCallsPerCaller());
    }

    @Singleton
    @Named(PROVISIONER)
    InternalServiceClient provisioner(@Value("${mockfactory.services.provisioner.url:`http://localhost:8083`}") String url,
                                      InternalToken token, AuthServiceSettings settings) {
        return new InternalServiceClient("provisioner-service", url, token, settings.getCallTimeout(),
                "Credentials are temporarily unavailable; retry shortly.", settings.getCallsPerCaller());
    }

    @Singleton
    @Named(STORAGE)
    InternalServiceClient storage(@Value("${mockfactory.services.storage.url:`http://localhost:8084`}") String url,
                                  InternalToken token, AuthServiceSettings settings) {
        return new InternalServiceClient("storage-emulation-service", url, token, settings.getCallTimeout(),
                "Credentials are temporarily unavailable; retry shortly.", settings.getCallsPerCaller());
    }
}
