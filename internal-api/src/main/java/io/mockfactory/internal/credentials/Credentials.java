package io.mockfactory.internal.credentials;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** Service type → its credentials. */
@Serdeable
public record Credentials(Map<String, ServiceCredentials> services) {
}
