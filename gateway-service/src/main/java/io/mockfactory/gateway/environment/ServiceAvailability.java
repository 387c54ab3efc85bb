package io.mockfactory.gateway.environment;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.gateway.internal.InternalServiceClient;
import io.mockfactory.gateway.internal.InternalServiceClients;
import io.mockfactory.kit.web.ProblemException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the provisioner says it can serve now, asked at most every few seconds. While it cannot be asked, the last
 * answer stands; with none at all, nothing is refused for availability (a create then waits in Kafka for the
 * provisioner, as it always could).
 */
@Singleton
@SerdeImport(Availability.class)
public class ServiceAvailability implements AvailabilitySource {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAvailability.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final InternalServiceClient provisioner;
    private final JsonMapper json;
    private volatile Snapshot last;

    @Serdeable
    record Versions(List<Availability> versions) {
    }

    private record Snapshot(List<Availability> versions, Instant askedAt) {
    }

    public ServiceAvailability(@Named(InternalServiceClients.PROVISIONER) InternalServiceClient provisioner, JsonMapper json) {
        this.provisioner = provisioner;
        this.json = json;
    }

    /** @return the provisioner's word on {@code type} {@code version}, or empty when it has none (or was never reached) */
    @Override
    public Optional<Availability> of(String type, String version) {
        return versions().stream().filter(v -> v.type().equals(type) && v.version().equals(version)).findFirst();
    }

    private List<Availability> versions() {
        Snapshot snapshot = last;
        if (snapshot != null && snapshot.askedAt().plus(FRESH_FOR).isAfter(Instant.now())) {
            return snapshot.versions();
        }
        try {
            var answer = provisioner.send(provisioner.request("/internal/catalog").GET());
            if (answer.statusCode() == 200) {
                List<Availability> versions = json.readValue(answer.body(), Versions.class).versions();
                last = new Snapshot(versions, Instant.now());
                return versions;
            }
            LOG.warn("The provisioner's catalog answered {}; keeping the last known availability", answer.statusCode());
        } catch (ProblemException | IOException unreachable) {
            LOG.warn("The provisioner's catalog could not be read ({}); keeping the last known availability",
                    unreachable.getMessage());
        }
        return snapshot == null ? List.of() : snapshot.versions();
    }
}
