package io.mockfactory.provisioner.catalog;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.events.catalog.ServiceType;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What this provisioner can serve, per type and version, as its runtimes see it: probed at start-up (and logged as a
 * table), then again when asked after {@code mockfactory.provisioner.catalog.refresh} has passed, so installing a
 * server while the stack runs shows up without a restart.
 */
@Context
public class RuntimeCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeCatalog.class);

    private final RuntimeDriver runtime;
    private final Duration refresh;
    private static final Duration RETRY_AFTER_FAILED_PROBE = Duration.ofSeconds(5);

    private final Clock clock;
    private volatile Snapshot current;

    private record Snapshot(List<Availability> versions, Instant takenAt) {
    }

    public RuntimeCatalog(RuntimeDriver runtime, @Value("${mockfactory.provisioner.catalog.refresh:30s}") Duration refresh) {
        this.runtime = runtime;
        this.refresh = refresh;
        this.clock = Clock.systemUTC();
    }

    @PostConstruct
    void probeAtStart() {
        List<Availability> versions;
        try {
            versions = probe();
        } catch (RuntimeException unanswered) {
            LOG.warn("The runtime did not answer the first catalog probe; probing again when asked: {}", unanswered.toString());
            return;
        }
        for (Availability version : versions) {
            if (version.available()) {
                LOG.info("serves {} {} ({})", version.type(), version.version(), version.runtime());
            } else {
                LOG.info("cannot serve {} {}: {}; fix: {}", version.type(), version.version(), version.reason(), version.fix());
            }
        }
    }

    public List<Availability> versions() {
        Snapshot snapshot = current;
        if (snapshot == null || snapshot.takenAt().plus(refresh).isBefore(clock.instant())) {
            return probe();
        }
        return snapshot.versions();
    }

    public Optional<Availability> of(String type, String version) {
        return versions().stream().filter(v -> v.type().equals(type) && v.version().equals(version)).findFirst();
    }

    /** In the catalog's order: types as the registry lists them, versions newest first. */
    private synchronized List<Availability> probe() {
        List<Availability> found;
        try {
            found = runtime.availability();
        } catch (RuntimeException unanswered) {
            // The runtime did not answer (an engine timeout under load, a restarting proxy): what was known stands,
            // and the probe is tried again soon rather than after a whole refresh
            Snapshot known = current;
            if (known == null) {
                throw unanswered;
            }
            LOG.warn("The runtime did not answer the catalog probe; keeping what it served before: {}", unanswered.toString());
            current = new Snapshot(known.versions(), clock.instant().minus(refresh).plus(RETRY_AFTER_FAILED_PROBE));
            return known.versions();
        }
        List<Availability> versions = found.stream().sorted(Comparator
                .comparing((Availability v) -> ServiceType.of(v.type()).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
                .thenComparing(v -> ServiceType.of(v.type()).map(t -> t.versions().indexOf(v.version())).orElse(0)))
                .toList();
        current = new Snapshot(versions, clock.instant());
        return versions;
    }
}
