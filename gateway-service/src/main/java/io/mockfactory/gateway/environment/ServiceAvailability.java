package io.mockfactory.gateway.environment;

import io.mockfactory.events.catalog.Availability;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.gateway.internal.ProvisionerClient;
import io.mockfactory.kit.web.ProblemException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public class ServiceAvailability implements AvailabilitySource {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAvailability.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final ProvisionerClient provisioner;
    private final PeerCalls calls;
    private volatile Snapshot last;

    private record Snapshot(List<Availability> versions, Instant askedAt) {
    }

    public ServiceAvailability(ProvisionerClient provisioner, @Named(Peers.PROVISIONER) PeerCalls calls) {
        this.provisioner = provisioner;
        this.calls = calls;
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
            List<Availability> versions = calls.call(provisioner::versions).versions();
            last = new Snapshot(versions, Instant.now());
            return versions;
        } catch (ProblemException unreachable) {
            LOG.warn("The provisioner's catalog could not be read ({}); keeping the last known availability",
                    unreachable.getMessage());
            return snapshot == null ? List.of() : snapshot.versions();
        }
    }
}
