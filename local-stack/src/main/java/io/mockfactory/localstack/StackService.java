package io.mockfactory.localstack;

import java.util.List;

/**
 * One of the six services as the launcher runs it: its Maven module (which names its jar), its schema, the environment
 * variable that overrides its HTTP port, and its JVM options. Those that serve each request (the gateway, the read
 * model it queries for lists, the S3 data plane) get the C2 compiler and room for it; the others C1 only and a
 * smaller heap, since they mostly wait on Kafka and processes and C2's compile threads would only cost memory.
 */
public record StackService(String module, String schema, String portVariable, int defaultPort, List<String> jvmOptions) {
    /**
     * A small initial heap and a periodic malloc_trim: the heap grows to what the load needs, and the native memory the
     * C2 compiler's arenas freed goes back to the system (issue 17: about 25 MiB of the S3 service's resident memory).
     */
    private static final List<String> SERVES_TRAFFIC = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=96m", "-XX:CICompilerCount=2", "-XX:TrimNativeHeapInterval=1000");
    private static final List<String> IN_THE_BACKGROUND = List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=48m");

    public static final List<StackService> ALL = List.of(
            new StackService("auth-service", "auth", "MOCKFACTORY_AUTH_PORT", 8081, IN_THE_BACKGROUND),
            new StackService("environment-service", "environment", "MOCKFACTORY_ENVIRONMENT_PORT", 8082, SERVES_TRAFFIC),
            new StackService("provisioner-service", "provisioner", "MOCKFACTORY_PROVISIONER_PORT", 8083, IN_THE_BACKGROUND),
            new StackService("storage-emulation-service", "storage", "MOCKFACTORY_STORAGE_PORT", 8084, SERVES_TRAFFIC),
            new StackService("billing-service", "billing", "MOCKFACTORY_BILLING_PORT", 8085, IN_THE_BACKGROUND),
            new StackService("gateway-service", "gateway", "MOCKFACTORY_GATEWAY_PORT", 8080, SERVES_TRAFFIC));

    public static StackService of(String module) {
        return ALL.stream().filter(service -> service.module().equals(module)).findFirst().orElseThrow();
    }

    /** The key under {@code mockfactory.services.*} by which other services find this one. */
    public String key() {
        return schema;
    }
}
