package io.mockfactory.provisioner.instance;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.DeleteSnapshot;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.command.SnapshotEnvironment;
import io.mockfactory.events.command.StartEnvironment;
import io.mockfactory.events.command.StopEnvironment;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceProvisioning;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.kit.inbox.InboxHandler;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.provisioner.pool.PoolInstance;
import io.mockfactory.provisioner.pool.PoolLeases;
import io.mockfactory.provisioner.port.PortAllocator;
import io.mockfactory.provisioner.runtime.ConnectionStrings;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import io.mockfactory.provisioner.runtime.TierResources;
import io.mockfactory.provisioner.seed.InstanceSeeds;
import io.mockfactory.provisioner.snapshot.SnapshotRequests;
import io.mockfactory.kit.secret.CredentialVault;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns environment commands into desired instance states, inside the inbox transaction: a port and an encrypted
 * password are reserved with the row, and the slow part (starting processes) is the {@link InstanceWorker}'s, so a
 * crash at any point leaves a row that says what remains to be done. A warm instance of the type, if its pool has
 * one, is leased instead and taken over in this same transaction (a password change on the running server, a few
 * milliseconds), so the instance is recorded running with its ServiceReady at once, as the storage service does for
 * S3. If the transaction then fails, the pool row is back but its server has a password nobody holds: the next lease
 * of it cannot take it over and falls back to a fresh start.
 */
@Singleton
public class ProvisioningHandler implements InboxHandler {
    private final ServiceInstances instances;
    private final PortAllocator ports;
    private final CredentialVault vault;
    private final RuntimeDriver driver;
    private final OutboxWriter outbox;
    private final InstanceWorker worker;
    private final PoolLeases leases;
    private final TierResources limits;
    private final ReadyTimes readyTimes;
    private final InstanceSeeds seeds;
    private final SnapshotRequests snapshots;

    public ProvisioningHandler(ServiceInstances instances, PortAllocator ports, CredentialVault vault,
                               RuntimeDriver driver, OutboxWriter outbox, InstanceWorker worker, PoolLeases leases,
                               TierResources limits, ReadyTimes readyTimes, InstanceSeeds seeds,
                               SnapshotRequests snapshots) {
        this.seeds = seeds;
        this.snapshots = snapshots;
        this.instances = instances;
        this.ports = ports;
        this.vault = vault;
        this.driver = driver;
        this.outbox = outbox;
        this.worker = worker;
        this.leases = leases;
        this.limits = limits;
        this.readyTimes = readyTimes;
    }

    @Override
    public String consumerName() {
        return "provisioning";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ENVIRONMENT_COMMANDS);
    }

    @Override
    public void handle(EventEnvelope command, Connection tx) throws Exception {
        String environmentId = command.environmentId();
        if (environmentId == null) {
            return;
        }
        if (command.payload() instanceof CreateEnvironment create) {
            for (Map.Entry<String, ServiceSpec> service : create.services().entrySet()) {
                if (driver.supports(service.getKey())) {
                    reserve(tx, command, service.getKey(), service.getValue(), create.tier(),
                            create.seeds().get(service.getKey()), create.fromSnapshot());
                }
            }
        } else if (command.payload() instanceof SnapshotEnvironment snapshot) {
            snapshots.take(tx, command, snapshot);
        } else if (command.payload() instanceof DeleteSnapshot delete) {
            snapshots.delete(tx, command, delete);
        } else if (command.payload() instanceof StopEnvironment) {
            instances.request(tx, environmentId, List.of(InstanceStatus.RUNNING, InstanceStatus.STARTING), InstanceStatus.STOPPING);
        } else if (command.payload() instanceof StartEnvironment) {
            instances.request(tx, environmentId, List.of(InstanceStatus.STOPPED), InstanceStatus.STARTING);
        } else if (command.payload() instanceof DestroyEnvironment) {
            instances.request(tx, environmentId, List.of(InstanceStatus.PROVISIONING, InstanceStatus.STARTING,
                    InstanceStatus.RUNNING, InstanceStatus.STOPPING, InstanceStatus.STOPPED, InstanceStatus.FAILED),
                    InstanceStatus.DESTROYING);
        }
    }

    /** The worker lists the instances this command changed: it must look after they are committed. */
    @Override
    public void afterCommit(EventEnvelope command) {
        worker.wakeUp();
        if (command.payload() instanceof SnapshotEnvironment || command.payload() instanceof DeleteSnapshot) {
            snapshots.wakeUp();
        }
        if (command.payload() instanceof CreateEnvironment) {
            leases.refill();
            readyTimes.recordLeased(command.environmentId());
        }
    }

    /**
     * A seeded or restored service is always started afresh: its seed is applied (or its snapshot copied) by the
     * worker, before it is reported running.
     */
    private void reserve(Connection tx, EventEnvelope command, String service, ServiceSpec spec, String tier,
                         ServiceSeed seed, String fromSnapshot) throws Exception {
        String environmentId = command.environmentId();
        if (instances.find(tx, environmentId, service).isPresent()) {
            return;
        }
        String password = vault.newPassword();
        byte[] secret = vault.encrypt(password, ServiceInstance.binding(environmentId, service));
        Optional<PoolInstance> warm = seed == null && fromSnapshot == null
                ? leases.lease(tx, environmentId, service, spec.version()) : Optional.empty();
        if (warm.isPresent() && leases.takeOver(warm.get(), password, limits.forTier(tier))) {
            ServiceInstance leased = new ServiceInstance(environmentId, service, command.userId(), spec.version(),
                    InstanceStatus.RUNNING, warm.get().port(), secret, warm.get().pid(), tier, warm.get().id());
            instances.insert(tx, leased);
            worker.watch(warm.get().pid());
            outbox.append(tx, EventEnvelope.of(new ServiceProvisioning(service, spec.version())).causedBy(command));
            outbox.append(tx, EventEnvelope.of(new ServiceReady(service, spec.version(), ConnectionStrings.HOST,
                    leased.port(), ConnectionStrings.masked(service, leased.port()))).causedBy(command));
            return;
        }
        // No stock, or the leased server could not be taken over: a fresh start on a port allocated afresh. The leased
        // server's port is given back rather than reused, since the allocator's bind probe then skips it if a server
        // this run failed to recognise (and so to stop) still holds it
        if (warm.isPresent()) {
            ports.release(tx, warm.get().port());
        }
        OptionalInt port = ports.allocate(tx, environmentId, service);
        String status = port.isPresent() ? InstanceStatus.PROVISIONING : InstanceStatus.FAILED;
        ServiceInstance instance = new ServiceInstance(environmentId, service, command.userId(), spec.version(), status,
                port.isPresent() ? port.getAsInt() : null, secret, null, tier);
        if (!instances.insert(tx, instance)) {
            return;
        }
        if (port.isPresent()) {
            if (fromSnapshot != null) {
                seeds.insertRestore(tx, environmentId, service, fromSnapshot);
            } else if (seed != null) {
                seeds.insert(tx, environmentId, service, seed);
            }
            outbox.append(tx, EventEnvelope.of(new ServiceProvisioning(service, spec.version())).causedBy(command));
        } else {
            outbox.append(tx, EventEnvelope.of(new ServiceFailed(service, "no free port in the configured range")).causedBy(command));
        }
    }
}
