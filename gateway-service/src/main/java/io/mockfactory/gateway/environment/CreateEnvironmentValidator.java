package io.mockfactory.gateway.environment;

import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.web.Problem.FieldError;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Everything about a create request that can be judged at the edge, reported together as per-field 422 errors. */
@Singleton
public class CreateEnvironmentValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}");
    private static final int MAX_TTL_MINUTES = 7 * 24 * 60;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private final Catalog catalog;

    public CreateEnvironmentValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    public CreateEnvironment validate(CreateEnvironmentRequest request, String tier, TierLimits limits) {
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "must be 1 to 63 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit"));
        }
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        if (request.services() == null || request.services().isEmpty()) {
            errors.add(new FieldError("services", "must name at least one service"));
        } else if (request.services().size() > limits.servicesPerEnvironment()) {
            errors.add(new FieldError("services", "the " + tier + " tier allows " + limits.servicesPerEnvironment()
                    + " services per environment"));
        } else {
            request.services().forEach((type, settings) -> validateService(type, settings, services, errors));
        }
        if (request.ttlMinutes() != null && (request.ttlMinutes() < 1 || request.ttlMinutes() > MAX_TTL_MINUTES)) {
            errors.add(new FieldError("ttl_minutes", "must be between 1 and " + MAX_TTL_MINUTES));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The environment request is not valid.", errors);
        }
        return new CreateEnvironment(name, services, request.ttlMinutes(), tier);
    }

    private void validateService(String type, Map<String, Object> settings, Map<String, ServiceSpec> services,
                                 List<FieldError> errors) {
        var known = catalog.type(type);
        if (known.isEmpty()) {
            errors.add(new FieldError("services." + type, "is not an available service type; see GET /api/v1/catalog"));
            return;
        }
        Object version = settings == null ? null : settings.get("version");
        if (version != null && !(version instanceof String)) {
            errors.add(new FieldError("services." + type + ".version", "must be a string"));
            return;
        }
        var resolved = catalog.resolve(known.get(), (String) version);
        if (resolved.isEmpty()) {
            errors.add(new FieldError("services." + type + ".version", "must be one of " + known.get().versions() + " or latest"));
            return;
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (settings != null) {
            settings.forEach((key, value) -> {
                if (!"version".equals(key) && value != null) {
                    options.put(key, String.valueOf(value));
                }
            });
        }
        String region = options.get("region");
        if (region != null && !REGION.matcher(region).matches()) {
            errors.add(new FieldError("services." + type + ".region", "must be a region name such as us-east-1"));
            return;
        }
        services.put(type, new ServiceSpec(resolved.get(), options));
    }
}
