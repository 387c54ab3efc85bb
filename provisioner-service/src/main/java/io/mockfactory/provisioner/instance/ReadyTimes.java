package io.mockfactory.provisioner.instance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mockfactory.kit.db.Transactions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * {@code instance_ready_seconds{type}}: from the reservation of an instance (its row, committed with
 * ServiceProvisioning) to its first start being recorded (ServiceReady), per service type. Measured by the
 * database's clock against the row's own {@code created_at}, so it includes the wait in the worker's queue and holds
 * across a restart of this service in between. Types are the runtime's supported ones: a bounded label.
 */
@Singleton
public class ReadyTimes {
    private static final Logger LOG = LoggerFactory.getLogger(ReadyTimes.class);
    /** From a redis that is up at once to a PostgreSQL (or a container) that takes its time; a dozen buckets per type. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    private final Transactions transactions;
    private final ServiceInstances instances;

    public ReadyTimes(MeterRegistry registry, Transactions transactions, ServiceInstances instances) {
        this.registry = registry;
        this.transactions = transactions;
        this.instances = instances;
    }

    /** After a create's commit: its instances leased from a warm pool were ready when it committed. */
    void recordLeased(String environmentId) {
        try {
            for (ServiceInstance instance : transactions.read(tx -> instances.ofEnvironment(tx, environmentId))) {
                if (instance.runtimeId() != null && InstanceStatus.RUNNING.equals(instance.status())) {
                    record(instance);
                }
            }
        } catch (Exception e) {
            LOG.warn("Ready times of {} not recorded: {}", environmentId, e.toString());
        }
    }

    /** Called once the ServiceReady is committed; a failure here is logged, never the instance's problem. */
    void record(ServiceInstance instance) {
        try {
            transactions.read(tx -> instances.sinceReserved(tx, instance)).ifPresent(waited ->
                    Timer.builder("instance.ready").tag("type", instance.service())
                            .description("From the start of provisioning an instance to its being ready")
                            .serviceLevelObjectives(BUCKETS).register(registry).record(waited));
        } catch (Exception e) {
            LOG.warn("Ready time of {} of {} not recorded: {}", instance.service(), instance.environmentId(), e.toString());
        }
    }
}
