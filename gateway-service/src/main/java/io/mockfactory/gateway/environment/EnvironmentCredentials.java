package io.mockfactory.gateway.environment;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.mockfactory.gateway.internal.InternalServiceClient;
import io.mockfactory.gateway.internal.InternalServiceClients;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.mockfactory.gateway.environment.EnvironmentReadModel.encode;

/**
 * Secrets stay with the service that owns them: processes' passwords with the provisioner, S3 key pairs with the
 * storage emulation. The credentials route asks each owner and merges their answers into one document.
 */
@Singleton
public class EnvironmentCredentials {
    private static final Argument<Map<String, Object>> DOCUMENT = Argument.mapOf(String.class, Object.class);

    private static final String STORAGE_OWNED = "aws_s3";

    private final InternalServiceClient provisioner;
    private final InternalServiceClient storage;
    private final JsonMapper json;

    public EnvironmentCredentials(@Named(InternalServiceClients.PROVISIONER) InternalServiceClient provisioner,
                                  @Named(InternalServiceClients.STORAGE) InternalServiceClient storage, JsonMapper json) {
        this.provisioner = provisioner;
        this.storage = storage;
        this.json = json;
    }

    /**
     * @param serviceTypes the environment's service types: only their owners are asked, so an outage of one owner
     *                     does not hide the credentials of environments that do not use it
     * @return {@code {"services": {...}}} with every owner's services; an owner that has none for it answers 404
     */
    public Map<String, Object> of(String environmentId, String userId, Collection<String> serviceTypes) {
        List<InternalServiceClient> owners = new ArrayList<>();
        if (serviceTypes.stream().anyMatch(type -> !STORAGE_OWNED.equals(type))) {
            owners.add(provisioner);
        }
        if (serviceTypes.contains(STORAGE_OWNED)) {
            owners.add(storage);
        }
        Map<String, Object> services = new LinkedHashMap<>();
        for (InternalServiceClient owner : owners) {
            HttpResponse<byte[]> answer = owner.send(owner.request("/internal/environments/" + encode(environmentId)
                    + "/credentials?user_id=" + encode(userId)).GET());
            if (answer.statusCode() == 404) {
                continue;
            }
            if (answer.statusCode() != 200) {
                throw new ProblemException(ProblemType.BAD_GATEWAY, "Credentials could not be collected; retry shortly.");
            }
            try {
                Object owned = json.readValue(answer.body(), DOCUMENT).get("services");
                if (owned instanceof Map<?, ?> map) {
                    map.forEach((service, credentials) -> services.put(String.valueOf(service), credentials));
                }
            } catch (IOException e) {
                throw new ProblemException(ProblemType.BAD_GATEWAY, "Credentials could not be collected; retry shortly.");
            }
        }
        return Map.of("services", services);
    }
}
