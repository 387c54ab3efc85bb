package io.mockfactory.internal.credentials;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * Service type → its credentials. An owner with none to give (its services failed or are gone) may send no map at
 * all; that reads as empty, not as null, so a caller merging owners' answers never fails on it.
 */
@Serdeable
public record Credentials(Map<String, ServiceCredentials> services) {
    public Credentials {
        services = services == null ? Map.of() : services;
    }
}
