package io.mockfactory.localstack;

import java.util.List;

/**
 * One of the six services as the launcher runs it: its Maven module (which names its jar), its schema and the
 * environment variable that overrides its HTTP port.
 */
public record StackService(String module, String schema, String portVariable, int defaultPort) {

    public static final List<StackService> ALL = List.of(
            new StackService("auth-service", "auth", "MOCKFACTORY_AUTH_PORT", 8081),
            new StackService("environment-service", "environment", "MOCKFACTORY_ENVIRONMENT_PORT", 8082),
            new StackService("provisioner-service", "provisioner", "MOCKFACTORY_PROVISIONER_PORT", 8083),
            new StackService("storage-emulation-service", "storage", "MOCKFACTORY_STORAGE_PORT", 8084),
            new StackService("billing-service", "billing", "MOCKFACTORY_BILLING_PORT", 8085),
            new StackService("gateway-service", "gateway", "MOCKFACTORY_GATEWAY_PORT", 8080));

    public static StackService of(String module) {
        return ALL.stream().filter(service -> service.module().equals(module)).findFirst().orElseThrow();
    }

    /** The key under {@code mockfactory.services.*} by which other services find this one. */
    public String key() {
        return schema;
    }
}
