package io.mockfactory.gateway.environment;

import io.mockfactory.events.catalog.Availability;

import java.util.Optional;

/** Whoever can say whether a service type's version can be served now (the provisioner, asked over HTTP). */
public interface AvailabilitySource {
    /** @return the owner's word, or empty when it has none */
    Optional<Availability> of(String type, String version);
}
