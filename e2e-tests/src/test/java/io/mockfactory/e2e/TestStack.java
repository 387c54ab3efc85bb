package io.mockfactory.e2e;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.ServiceProcess;
import io.mockfactory.localstack.SharedInfrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * auth, environment, provisioner and storage services as processes on the shared Kafka and PostgreSQL, with the
 * gateway in the test JVM: the whole environment path, with settings a test class chooses. Stacks share the test JVM's
 * Kafka consumer groups and database schemas, so only one runs at a time: a new one first closes the shared lifecycle
 * stack, the only one that outlives its test class.
 */
final class TestStack implements AutoCloseable {
    private static final List<String> MODULES = List.of("auth-service", "environment-service", "provisioner-service",
            "storage-emulation-service", "billing-service");

    final List<ServiceProcess> services = new ArrayList<>();
    final Map<String, String> env;
    static final String STRIPE_WEBHOOK_SECRET = "whsec_mockfactory_e2e";
    static final String PROFESSIONAL_PRICE = "price_e2e_professional";
    final Path stateDir;
    final int s3Port;
    final String baseUrl;
    final String internalToken;
    private final ApplicationContext gateway;
    private boolean closed;

    /** @param settings extra environment variables for every service (e.g. shorter intervals) */
    TestStack(String name, Map<String, String> settings) throws Exception {
        OnLifecycleStack.closeSharedStack();
        SharedInfrastructure infra = SharedInfrastructure.get();
        stateDir = Files.createTempDirectory("mockfactory-" + name);
        // PostgreSQL instances run as the postgres user, who must be able to traverse down to their directories
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
        env = ServiceSettings.on(infra);
        internalToken = ServiceSettings.withInternalToken(env, stateDir.resolve("secrets"));
        // Payments as a deployment sets them up: a webhook secret file, and the price that buys professional
        Path stripeSecret = stateDir.resolve("secrets").resolve("stripe_webhook_secret");
        Files.writeString(stripeSecret, STRIPE_WEBHOOK_SECRET + "\n");
        env.put("MOCKFACTORY_BILLING_STRIPE_WEBHOOK_SECRET_FILE", stripeSecret.toString());
        env.put("MOCKFACTORY_BILLING_STRIPE_PRICE_TIERS", PROFESSIONAL_PRICE + "=professional");
        // Storage reports changes every second here (60 s as shipped), so storage metering shows within a test
        env.put("MOCKFACTORY_STORAGE_USAGE_REPORT_INTERVAL", "1s");
        env.put("MOCKFACTORY_STATE_DIR", stateDir.toString());
        s3Port = FreePorts.pick();
        env.put("MOCKFACTORY_S3_PORT", String.valueOf(s3Port));
        env.put("MOCKFACTORY_S3_PUBLIC_ENDPOINT", "http://localhost:" + s3Port);
        env.putAll(settings);
        // Every port first: services call each other (the provisioner asks storage for snapshots' S3 parts), as the
        // launcher's services find each other through MOCKFACTORY_SERVICES_<KEY>_URL
        Map<String, Integer> ports = new HashMap<>();
        Map<String, String> urls = new HashMap<>();
        for (String module : MODULES) {
            String key = module.substring(0, module.indexOf('-'));
            ports.put(module, FreePorts.pick());
            urls.put(key, "http://localhost:" + ports.get(module));
            env.put("MOCKFACTORY_SERVICES_" + key.toUpperCase() + "_URL", urls.get(key));
        }
        for (String module : MODULES) {
            services.add(ServiceProcess.start(module, ServiceJars.of(module), ports.get(module), env,
                    List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), stateDir.resolve(module + ".log")));
        }
        for (ServiceProcess process : services) {
            process.awaitHealthy(Duration.ofSeconds(90));
        }
        Map<String, Object> props = new HashMap<>(infra.serviceProperties("gateway"));
        props.put("micronaut.server.port", "-1");
        props.put("mockfactory.internal.token", internalToken);
        urls.forEach((service, url) -> props.put("mockfactory.services." + service + ".url", url));
        props.put("mockfactory.gateway.rate-limit.auth-per-client-per-minute", "1000");
        gateway = ApplicationContext.builder().properties(props).start();
        baseUrl = "http://localhost:" + gateway.getBean(EmbeddedServer.class).start().getPort();
    }

    /** The in-process gateway's beans, for tests that check its state (e.g. its circuit breakers). */
    <T> java.util.Collection<T> gatewayBeans(Class<T> type) {
        return gateway.getBeansOfType(type);
    }

    /** Each service process's base URL (the gateway, in process, is {@link #baseUrl}). */
    List<String> serviceUrls() {
        return services.stream().map(ServiceProcess::baseUrl).toList();
    }

    ServiceProcess provisioner() {
        return services.get(2);
    }

    ServiceProcess storage() {
        return services.get(3);
    }

    /** Starts a stopped or killed service again with the same settings, in place of the old process. */
    ServiceProcess restart(ServiceProcess previous) throws Exception {
        ServiceProcess next = ServiceProcess.start(previous.name(), ServiceJars.of(previous.name()), previous.port(), env,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), stateDir.resolve(previous.name() + "-" + System.nanoTime() + ".log"));
        services.set(services.indexOf(previous), next);
        next.awaitHealthy(Duration.ofSeconds(90));
        return next;
    }

    boolean isOpen() {
        return !closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        gateway.close();
        services.forEach(process -> process.stop(Duration.ofSeconds(15)));
    }
}
