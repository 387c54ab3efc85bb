package io.mockfactory.provisioner.snapshot;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Message;
import io.mockfactory.events.snapshot.SnapshotCreated;
import io.mockfactory.events.snapshot.SnapshotDeleted;
import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.internal.snapshot.SnapshotView.SnapshotServiceView;
import io.mockfactory.internal.storage.StorageSnapshotPart;
import io.mockfactory.internal.storage.StorageSnapshotRequest;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.loop.BackgroundLoop;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.kit.secret.CredentialVault;
import io.mockfactory.provisioner.instance.InstanceStatus;
import io.mockfactory.provisioner.instance.InstanceSteps;
import io.mockfactory.provisioner.instance.ServiceInstance;
import io.mockfactory.provisioner.instance.ServiceInstances;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import io.mockfactory.provisioner.runtime.TierResources;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes and deletes snapshots, one at a time (a copy is disk-bound; two at once would only share the disk). A
 * snapshot is taken from scratch on every attempt, so one cut short by a crash is never half-made: its partial copy
 * is removed first, and the PostgreSQL backup it had begun ended with its session. Ready, its row, its services and
 * {@code SnapshotCreated} commit together; a delete waits while an environment is still to be restored from it.
 */
@Singleton
public class SnapshotWorker implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWorker.class);
    /** Attempts cut short by crashes before a snapshot is given up, rather than crash-loop on it. */
    private static final int MAX_ATTEMPTS = 3;
    /** How long a clone's snapshot is kept for the clone's create command to reach this service. */
    private static final int CLONE_SNAPSHOT_GRACE_MINUTES = 10;
    /** Calls of storage-emulation-service for the S3 part before a snapshot fails on it, 2 s apart. */
    private static final int STORAGE_CALLS = 5;
    private static final long STORAGE_RETRY_MILLIS = 2000;
    /** How long the copy of a stopped instance waits for a start or stop of it to end. */
    private static final long BUSY_WAIT_MILLIS = 120_000;

    private final Transactions transactions;
    private final Snapshots snapshots;
    private final SnapshotStore store;
    private final ServiceInstances instances;
    private final RuntimeDriver driver;
    private final CredentialVault vault;
    private final TierResources limits;
    private final OutboxWriter outbox;
    private final StorageSnapshotClient storage;
    private final InstanceSteps busy;
    private final BackgroundLoop loop = new BackgroundLoop("snapshot-worker");

    public SnapshotWorker(Transactions transactions, Snapshots snapshots, SnapshotStore store, ServiceInstances instances,
                          RuntimeDriver driver, CredentialVault vault, TierResources limits, OutboxWriter outbox,
                          StorageSnapshotClient storage, InstanceSteps busy) {
        this.busy = busy;
        this.transactions = transactions;
        this.snapshots = snapshots;
        this.store = store;
        this.instances = instances;
        this.driver = driver;
        this.vault = vault;
        this.limits = limits;
        this.outbox = outbox;
        this.storage = storage;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop.start(this::work);
    }

    public void wakeUp() {
        loop.wakeUp();
    }

    private void work() {
        long nextCloneSweep = 0;
        while (loop.running()) {
            try {
                for (SnapshotRecord snapshot : transactions.inTransaction(tx -> snapshots.pending(tx, 20))) {
                    step(snapshot);
                }
                if (System.currentTimeMillis() > nextCloneSweep) {
                    transactions.inTransaction(tx -> {
                        for (String id : snapshots.unneededCloneSnapshots(tx, CLONE_SNAPSHOT_GRACE_MINUTES)) {
                            snapshots.requestDelete(tx, id);
                        }
                        return null;
                    });
                    nextCloneSweep = System.currentTimeMillis() + 60_000;
                }
                loop.awaitWakeUp(1000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("Snapshot worker pass failed, retrying: {}", e.toString());
                BackgroundLoop.sleepQuietly(1000);
            }
        }
    }

    /** One snapshot's step; its failure (a copy that cannot be removed, say) holds up no other snapshot. */
    private void step(SnapshotRecord snapshot) {
        try {
            if (SnapshotView.CREATING.equals(snapshot.status())) {
                take(snapshot);
            } else {
                remove(snapshot);
            }
        } catch (Exception e) {
            LOG.warn("Snapshot {}: {} step failed, retrying later: {}", snapshot.id(), snapshot.status(), e.toString());
        }
    }

    private void take(SnapshotRecord snapshot) throws Exception {
        int attempt = transactions.inTransaction(tx -> snapshots.countAttempt(tx, snapshot.id()));
        if (attempt > MAX_ATTEMPTS) {
            fail(snapshot, "taking it was cut short " + MAX_ATTEMPTS + " times (the provisioner stopped part-way each time)");
            store.discard(snapshot.id());
            if (transactions.inTransaction(tx -> snapshots.storageVersion(tx, snapshot.id())).isPresent()) {
                discardStoragePart(snapshot);
            }
            return;
        }
        store.discard(snapshot.id());
        List<ServiceInstance> services = transactions.inTransaction(tx ->
                instances.ofEnvironment(tx, snapshot.environmentId()));
        Optional<String> storageVersion = transactions.inTransaction(tx -> snapshots.storageVersion(tx, snapshot.id()));
        for (ServiceInstance instance : services) {
            if (!instance.userId().equals(snapshot.userId())) {
                // The gateway checked; this holds if a command is ever forged
                fail(snapshot, "the environment is not the snapshot owner's");
                return;
            }
            if (!copyable(instance)) {
                fail(snapshot, instance.service() + " is " + instance.status() + ": only a running or stopped environment"
                        + " can be snapshotted");
                return;
            }
            if (!driver.snapshots(instance.service())) {
                fail(snapshot, "this runtime cannot snapshot " + instance.service());
                return;
            }
        }
        if (services.isEmpty() && storageVersion.isEmpty()) {
            fail(snapshot, "the environment has no service to snapshot");
            return;
        }
        LOG.info("Taking snapshot {} of {} (attempt {})", snapshot.id(), snapshot.environmentId(), attempt);
        List<SnapshotServiceView> taken = new ArrayList<>();
        try {
            for (ServiceInstance instance : services) {
                InstanceSpec spec = new InstanceSpec(instance.runtime(), instance.service(), instance.version(),
                        instance.port(), vault.decrypt(instance.secret(), instance.secretBinding()),
                        limits.forTier(instance.tier()));
                long size = copy(instance, spec, store.partial(snapshot.id()).resolve(instance.service()));
                taken.add(new SnapshotServiceView(instance.service(), instance.version(), size));
            }
            if (storageVersion.isPresent()) {
                taken.add(storagePart(snapshot, storageVersion.get()));
            }
            Files.createDirectories(store.partial(snapshot.id()));
            store.publish(snapshot.id());
        } catch (Exception e) {
            LOG.warn("Snapshot {} of {} failed: {}", snapshot.id(), snapshot.environmentId(), e.toString());
            store.discard(snapshot.id());
            storageVersion.ifPresent(version -> discardStoragePart(snapshot));
            fail(snapshot, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        long size = taken.stream().mapToLong(SnapshotServiceView::sizeBytes).sum();
        transactions.inTransaction(tx -> {
            if (snapshots.markReady(tx, snapshot.id(), taken)) {
                emit(tx, snapshot, new SnapshotCreated(snapshot.id(), snapshot.name(), size, taken.stream().map(service ->
                        new SnapshotCreated.SnapshotService(service.service(), service.version(), service.sizeBytes())).toList()));
            }
            return null;
        });
        LOG.info("Snapshot {} of {} is ready ({} bytes)", snapshot.id(), snapshot.environmentId(), size);
    }

    private static boolean copyable(ServiceInstance instance) {
        return InstanceStatus.RUNNING.equals(instance.status()) && instance.pid() != null
                || InstanceStatus.STOPPED.equals(instance.status());
    }

    /**
     * A running server makes its own consistent copy; a stopped one's files are copied as they are, and nothing may
     * start it meanwhile: the copy holds the instance as a lifecycle step does, so a start waits for it to end.
     */
    private long copy(ServiceInstance instance, InstanceSpec spec, Path into) throws Exception {
        if (InstanceStatus.RUNNING.equals(instance.status())) {
            return driver.snapshot(spec, instance.pid(), into);
        }
        long deadline = System.currentTimeMillis() + BUSY_WAIT_MILLIS;
        while (!busy.tryBegin(instance.environmentId(), instance.service())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(instance.service() + " was being started or stopped for "
                        + BUSY_WAIT_MILLIS / 1000 + " s");
            }
            Thread.sleep(100);
        }
        try {
            // Read again under the hold: a start may have run since the snapshot's pass read the instance
            ServiceInstance now = transactions.inTransaction(tx -> instances.find(tx, instance.environmentId(),
                    instance.service())).orElseThrow(() -> new IllegalStateException(instance.service() + " is gone"));
            if (InstanceStatus.STOPPED.equals(now.status())) {
                return driver.snapshotStopped(spec, into);
            }
            if (InstanceStatus.RUNNING.equals(now.status()) && now.pid() != null) {
                return driver.snapshot(spec, now.pid(), into);
            }
            throw new IllegalStateException(instance.service() + " is " + now.status() + ": only a running or stopped"
                    + " environment can be snapshotted");
        } finally {
            busy.end(instance.environmentId(), instance.service());
        }
    }

    /**
     * Taken last: the objects are copied as of one instant, after the servers' copies, all while they run. A call
     * that does not get through (storage-emulation-service restarting) is made again a few times first; the call is
     * idempotent, so one whose answer was lost takes the part once.
     */
    private SnapshotServiceView storagePart(SnapshotRecord snapshot, String version) throws Exception {
        StorageSnapshotPart part = null;
        for (int call = 1; ; call++) {
            try {
                part = storage.take(snapshot.id(), new StorageSnapshotRequest(snapshot.environmentId(), snapshot.userId()));
                break;
            } catch (HttpClientResponseException refused) {
                // A 5xx may be a second call meeting the first, which timed out here but is still copying
                if (refused.getStatus().getCode() < 500 || call == STORAGE_CALLS) {
                    throw new IllegalStateException("storage-emulation-service refused the S3 part: "
                            + refused.getMessage(), refused);
                }
                LOG.warn("Snapshot {}: storage-emulation-service answered {}; calling again", snapshot.id(),
                        refused.getStatus().getCode());
                Thread.sleep(STORAGE_RETRY_MILLIS);
            } catch (HttpClientException unreachable) {
                if (call == STORAGE_CALLS) {
                    throw new IllegalStateException("storage-emulation-service could not take the S3 part: "
                            + unreachable.getMessage(), unreachable);
                }
                LOG.warn("Snapshot {}: storage-emulation-service did not answer ({}); calling again", snapshot.id(),
                        unreachable.getMessage());
                Thread.sleep(STORAGE_RETRY_MILLIS);
            }
        }
        if (part == null) {
            throw new IllegalStateException("the environment's aws_s3 service is gone");
        }
        return new SnapshotServiceView(SnapshotRequests.STORAGE_SERVICE, version, part.sizeBytes());
    }

    /** Best effort: a part left here goes with the failed snapshot's delete. */
    private void discardStoragePart(SnapshotRecord snapshot) {
        try {
            storage.delete(snapshot.id());
        } catch (Exception e) {
            LOG.warn("Snapshot {}: its S3 part is deleted with the snapshot ({})", snapshot.id(), e.toString());
        }
    }

    private void fail(SnapshotRecord snapshot, String why) throws Exception {
        transactions.inTransaction(tx -> snapshots.markFailed(tx, snapshot.id(), why));
    }

    private void remove(SnapshotRecord snapshot) throws Exception {
        if (transactions.inTransaction(tx -> snapshots.inUse(tx, snapshot.id()))) {
            return;
        }
        if (transactions.inTransaction(tx -> snapshots.storageVersion(tx, snapshot.id())).isPresent()) {
            storage.delete(snapshot.id());
        }
        store.discard(snapshot.id());
        transactions.inTransaction(tx -> {
            snapshots.delete(tx, snapshot.id());
            emit(tx, snapshot, new SnapshotDeleted(snapshot.id()));
            return null;
        });
        LOG.info("Snapshot {} deleted", snapshot.id());
    }

    private void emit(Connection tx, SnapshotRecord snapshot, Message event) throws Exception {
        outbox.append(tx, EventEnvelope.of(event).withEnvironmentId(snapshot.environmentId()).withUserId(snapshot.userId()));
    }

    @PreDestroy
    public void stopWorker() throws InterruptedException {
        loop.stop(15_000);
    }
}
