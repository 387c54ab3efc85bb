package io.mockfactory.gateway.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.events.catalog.ServiceType;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The service types and versions an environment can ask for, and which of them this deployment can serve right now
 * (the owner's word: the provisioner's runtimes for processes and containers; S3 is the storage service's own). What
 * cannot be served is refused at the edge with its reason and fix, never left to fail later.
 */
@Singleton
public class Catalog {
    public static final String LATEST = "latest";

    /** One type as the catalog shows it: {@code versions} are the ones available now, newest first. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(String type, String description, @Nullable String defaultVersion, List<String> versions,
                        boolean available, List<Unavailable> unavailable) {
    }

    @Serdeable
    public record Unavailable(String version, String reason, String fix) {
    }

    /** A requested version resolved: the concrete version, or why it cannot be served. */
    public record Resolution(@Nullable String version, @Nullable Availability refusal, boolean unknownVersion) {
    }

    private final AvailabilitySource availability;

    public Catalog(AvailabilitySource availability) {
        this.availability = availability;
    }

    public List<Entry> all() {
        return Arrays.stream(ServiceType.values()).sorted((a, b) -> a.wireName().compareTo(b.wireName()))
                .map(this::entry).toList();
    }

    public Optional<ServiceType> type(String name) {
        return ServiceType.of(name);
    }

    /** {@code null} and {@code latest} mean the newest version that can be served now. */
    public Resolution resolve(ServiceType type, @Nullable String requested) {
        List<Availability> versions = versionsOf(type);
        if (requested == null || requested.isBlank() || LATEST.equals(requested)) {
            return versions.stream().filter(Availability::available).findFirst()
                    .map(v -> new Resolution(v.version(), null, false))
                    .orElseGet(() -> new Resolution(null, versions.get(0), false));
        }
        return versions.stream().filter(v -> v.version().equals(requested)).findFirst()
                .map(v -> v.available() ? new Resolution(v.version(), null, false) : new Resolution(null, v, false))
                .orElseGet(() -> new Resolution(null, null, true));
    }

    public List<String> availableVersions(ServiceType type) {
        return versionsOf(type).stream().filter(Availability::available).map(Availability::version).toList();
    }

    private Entry entry(ServiceType type) {
        List<Availability> versions = versionsOf(type);
        List<String> available = versions.stream().filter(Availability::available).map(Availability::version).toList();
        List<Unavailable> unavailable = new ArrayList<>();
        versions.stream().filter(v -> !v.available())
                .forEach(v -> unavailable.add(new Unavailable(v.version(), v.reason(), v.fix())));
        return new Entry(type.wireName(), type.description(), available.isEmpty() ? null : available.get(0), available,
                !available.isEmpty(), unavailable);
    }

    /** Every known version with its availability; what the owner does not mention counts as servable. */
    private List<Availability> versionsOf(ServiceType type) {
        return type.versions().stream().map(version -> type.owner() == ServiceType.Owner.PROVISIONER
                ? availability.of(type.wireName(), version).orElse(Availability.served(type.wireName(), version, null))
                : Availability.served(type.wireName(), version, null)).toList();
    }
}
