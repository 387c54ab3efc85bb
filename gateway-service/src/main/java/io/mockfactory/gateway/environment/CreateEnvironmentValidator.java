package io.mockfactory.gateway.environment;

import io.micronaut.json.tree.JsonNode;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.kit.web.Problem.FieldError;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.gateway.input.JsonBody;
import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.kit.tier.TierLimits;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything about a create request that can be judged at the edge, reported together as per-field 422 errors. The
 * fields it reads are {@link CreateEnvironmentRequest}'s, with their JSON types and no coercion; others are ignored.
 */
@Singleton
public class CreateEnvironmentValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}");
    static final int MAX_TTL_MINUTES = 7 * 24 * 60;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final int MAX_VERSION_LENGTH = 32;
    /** Options a service type takes beside {@code version}, passed on to its owner. */
    private static final Map<String, String> OPTION_OF_TYPE = Map.of("aws_s3", "region");

    private final Catalog catalog;

    public CreateEnvironmentValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The caller's snapshot by id, if they have one (from the provisioner). */
    @FunctionalInterface
    public interface SnapshotLookup {
        Optional<SnapshotView> find(String snapshotId);
    }

    public CreateEnvironment validate(JsonBody body, String tier, TierLimits limits, SnapshotLookup snapshots) {
        if (body.root().get("from_snapshot") != null) {
            return FromSnapshot.validate(body, tier, limits, snapshots, nameOf(body));
        }
        String name = nameOf(body);
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        List<Availability> unavailable = new ArrayList<>();
        JsonNode requested = body.object(body.root(), "services", "services");
        if (requested == null || requested.size() == 0) {
            if (body.errors().stream().noneMatch(e -> e.field().equals("services"))) {
                body.reject("services", "must name at least one service");
            }
        } else if (requested.size() > limits.servicesPerEnvironment()) {
            body.reject("services", "the " + tier + " tier allows " + limits.servicesPerEnvironment()
                    + " services per environment");
        } else {
            for (Map.Entry<String, JsonNode> service : requested.entries()) {
                validateService(body, service.getKey(), services, unavailable);
            }
        }
        List<FieldError> unbuilt = new ArrayList<>();
        Map<String, ServiceSeed> seeds = readSeeds(body, services.keySet(), unbuilt);
        Integer ttlMinutes = body.wholeNumber("ttl_minutes", 1, MAX_TTL_MINUTES);
        body.requireValid("The environment request is not valid.");
        if (!unavailable.isEmpty()) {
            throw new ProblemException(ProblemType.SERVICE_TYPE_UNAVAILABLE, unavailable.stream()
                    .map(v -> v.type() + " " + v.version() + " cannot be served here: " + v.reason() + ". Fix: " + v.fix())
                    .collect(Collectors.joining(" ")), unavailable.stream().map(v -> new FieldError("services." + v.type(),
                    v.type() + " " + v.version() + " is unavailable: " + v.reason() + "; fix: " + v.fix())).toList());
        }
        refuseWhatIsNotBuilt(body, unbuilt);
        return new CreateEnvironment(name, services, ttlMinutes, tier, seeds);
    }

    /** A required {@code name}: 1 to 63 letters, digits, spaces, '.', '_' or '-' (environments, snapshots, clones). */
    public static String nameOf(JsonBody body) {
        String rawName = body.string("name", 200);
        String name = rawName == null ? "" : rawName.strip();
        if (!NAME.matcher(name).matches() && body.errors().stream().noneMatch(e -> e.field().equals("name"))) {
            body.reject("name", "must be 1 to 63 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    private static Map<String, ServiceSeed> readSeeds(JsonBody body, Iterable<String> types, List<FieldError> unbuilt) {
        SeedValidator reader = new SeedValidator(body, unbuilt);
        Map<String, ServiceSeed> seeds = new LinkedHashMap<>();
        for (String type : types) {
            JsonNode settings = body.root().get("services").get(type);
            ServiceSeed seed = reader.read(type, settings.isObject() ? settings : null, "services." + type);
            if (seed != null) {
                seeds.put(type, seed);
            }
        }
        return seeds;
    }

    /**
     * Some seed forms are in the contract but not built yet. Ignoring them like any unknown
     * field would hand the user an empty environment they believe holds their data, so they are refused, before
     * anything is allocated, with a 422 {@code feature-unavailable} naming each one.
     */
    private static void refuseWhatIsNotBuilt(JsonBody body, List<FieldError> unbuiltSeeds) {
        List<FieldError> unbuilt = new ArrayList<>(unbuiltSeeds);
        if (!unbuilt.isEmpty()) {
            throw new ProblemException(ProblemType.FEATURE_UNAVAILABLE, "This deployment cannot do everything the request"
                    + " asks yet: " + unbuilt.stream().map(FieldError::field).collect(Collectors.joining(", "))
                    + ". Nothing was created.", unbuilt);
        }
    }

    private void validateService(JsonBody body, String type, Map<String, ServiceSpec> services, List<Availability> unavailable) {
        String field = "services." + (type.length() > 64 ? type.substring(0, 64) : type);
        var known = catalog.type(type);
        if (known.isEmpty()) {
            body.reject(field, "is not an available service type; see GET /api/v1/catalog");
            return;
        }
        JsonNode requested = body.root().get("services").get(type);
        JsonNode settings = requested.isNull() ? null : body.object(body.root().get("services"), type, field);
        if (settings == null && !requested.isNull()) {
            return;
        }
        String version = settings == null ? null : body.string(settings, "version", field + ".version", MAX_VERSION_LENGTH);
        Catalog.Resolution resolved = catalog.resolve(known.get(), version);
        if (resolved.unknownVersion()) {
            body.reject(field + ".version", "must be one of " + catalog.availableVersions(known.get()) + " or latest");
            return;
        }
        if (resolved.refusal() != null) {
            unavailable.add(resolved.refusal());
            return;
        }
        Map<String, String> options = new LinkedHashMap<>();
        String option = OPTION_OF_TYPE.get(type);
        if (option != null && settings != null) {
            String value = body.string(settings, option, field + "." + option, 64);
            if (value != null && !REGION.matcher(value).matches()) {
                body.reject(field + "." + option, "must be a region name such as us-east-1");
                return;
            }
            if (value != null) {
                options.put(option, value);
            }
        }
        services.put(type, new ServiceSpec(resolved.version(), options));
    }
}
