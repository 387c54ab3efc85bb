package io.mockfactory.provisioner.instance;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.environment.ServiceActivity;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.kit.secret.CredentialVault;
import io.mockfactory.provisioner.runtime.Activity;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads each running instance's use through its own protocol (connected clients, work counters) and reports the
 * instances clients used since the last reading as ServiceActivity; the read model stops environments nobody uses.
 * A service that cannot say (ElasticMQ) always counts as used: an environment is never stopped on a guess.
 */
@Singleton
public class ActivityMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityMonitor.class);

    private final Transactions transactions;
    private final ServiceInstances instances;
    private final RuntimeDriver driver;
    private final CredentialVault vault;
    private final OutboxWriter outbox;
    private final Map<String, Activity> lastReadings = new ConcurrentHashMap<>();

    public ActivityMonitor(Transactions transactions, ServiceInstances instances, RuntimeDriver driver,
                           CredentialVault vault, OutboxWriter outbox) {
        this.transactions = transactions;
        this.instances = instances;
        this.driver = driver;
        this.vault = vault;
        this.outbox = outbox;
    }

    @Scheduled(fixedDelay = "${mockfactory.provisioner.activity-check:60s}", initialDelay = "${mockfactory.provisioner.activity-check:60s}")
    void check() {
        try {
            List<ServiceInstance> running = transactions.inTransaction(tx ->
                    instances.inStatus(tx, List.of(InstanceStatus.RUNNING), 10_000));
            lastReadings.keySet().retainAll(running.stream().map(ActivityMonitor::key).toList());
            for (ServiceInstance instance : running) {
                if (used(instance)) {
                    transactions.inTransaction(tx -> outbox.append(tx, EventEnvelope.of(new ServiceActivity(instance.service(),
                            Instant.now())).withEnvironmentId(instance.environmentId()).withUserId(instance.userId())));
                }
            }
        } catch (Exception e) {
            LOG.warn("Activity check failed; next one retries: {}", e.toString());
        }
    }

    private boolean used(ServiceInstance instance) {
        try {
            InstanceSpec spec = new InstanceSpec(instance.runtime(), instance.service(), instance.version(),
                    instance.port(), vault.decrypt(instance.secret(), instance.secretBinding()), null);
            Activity reading = driver.activity(spec);
            if (reading == null) {
                return true;
            }
            Activity previous = lastReadings.put(key(instance), reading);
            return reading.usedSince(previous);
        } catch (Exception e) {
            LOG.debug("No activity reading for {} of {}: {}", instance.service(), instance.environmentId(), e.toString());
            return true;
        }
    }

    private static String key(ServiceInstance instance) {
        return instance.environmentId() + "/" + instance.service();
    }
}
