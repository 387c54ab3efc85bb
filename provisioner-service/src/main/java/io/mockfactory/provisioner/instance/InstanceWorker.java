package io.mockfactory.provisioner.instance;

import io.mockfactory.events.status.ServiceStatus;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Message;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStarted;
import io.mockfactory.events.environment.ServiceStopped;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.loop.BackgroundLoop;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.provisioner.pool.PoolInstances;
import io.mockfactory.provisioner.port.PortAllocator;
import io.mockfactory.provisioner.runtime.ConnectionStrings;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import io.mockfactory.provisioner.runtime.TierResources;
import io.mockfactory.provisioner.seed.InstanceSeeds;
import io.mockfactory.provisioner.seed.SeedFailure;
import io.mockfactory.provisioner.seed.Seeder;
import io.mockfactory.provisioner.snapshot.Restores;
import io.mockfactory.kit.secret.CredentialVault;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brings instances to the state their row asks for (start, stop, destroy), then records the outcome and its service
 * events in one transaction (whether the environment as a whole is running is the read model's conclusion). Steps of
 * different instances run in parallel on a small pool; an outcome is recorded only if the row still asks for what was
 * done (a destroy that arrives while an instance starts wins). On start it resumes instances that should be running
 * (this service stops its processes when it stops); while running, an instance whose process died is marked failed
 * and its port released. A first start with a seed applies it before the instance is recorded running; the seed row
 * goes in the same transaction as the outcome.
 */
@Singleton
public class InstanceWorker implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceWorker.class);
    private static final List<String> PENDING = List.of(InstanceStatus.PROVISIONING, InstanceStatus.STARTING,
            InstanceStatus.STOPPING, InstanceStatus.DESTROYING);
    private static final String HOST = ConnectionStrings.HOST;
    /** First starts that may begin applying a seed; one more means the previous ones all died part-way. */
    private static final int MAX_SEED_ATTEMPTS = 3;
    /** How often the runtime is searched for instances no live record asks for (also done at start). */
    private static final long ORPHAN_SWEEP_MILLIS = 5 * 60 * 1000;

    private final Transactions transactions;
    private final ServiceInstances instances;
    private final RuntimeDriver driver;
    private final CredentialVault vault;
    private final PortAllocator ports;
    private final OutboxWriter outbox;
    private final TierResources limits;
    private final ReadyTimes readyTimes;
    private final PoolInstances pool;
    private final InstanceSeeds seeds;
    private final Seeder seeder;
    private final Restores restores;
    private final BackgroundLoop loop = new BackgroundLoop("instance-worker");
    /** Steps of different instances run in parallel; one instance's, one at a time ({@link #busy}). */
    private final ExecutorService steps;
    private final InstanceSteps busy;
    /** Processes this run answers for, whose death means failure (started here or adopted on start). */
    private final Set<Long> startedHere = ConcurrentHashMap.newKeySet();

    public InstanceWorker(Transactions transactions, ServiceInstances instances, RuntimeDriver driver,
                          CredentialVault vault, PortAllocator ports, OutboxWriter outbox, TierResources limits,
                          ReadyTimes readyTimes, PoolInstances pool, InstanceSeeds seeds, Seeder seeder,
                          Restores restores, InstanceSteps busy,
                          @Value("${mockfactory.provisioner.instance-workers:4}") int workers) {
        this.busy = busy;
        AtomicInteger threads = new AtomicInteger();
        this.steps = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "instance-step-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.transactions = transactions;
        this.instances = instances;
        this.driver = driver;
        this.vault = vault;
        this.ports = ports;
        this.outbox = outbox;
        this.limits = limits;
        this.readyTimes = readyTimes;
        this.pool = pool;
        this.seeds = seeds;
        this.seeder = seeder;
        this.restores = restores;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop.start(this::work);
    }

    public void wakeUp() {
        loop.wakeUp();
    }

    /** A process this run answers for from now on (a leased warm server): its death fails its instance. */
    public void watch(long pid) {
        startedHere.add(pid);
    }

    private void work() {
        removeInstancesWithoutARecord();
        resumeInstancesThatShouldRun();
        long nextLivenessCheck = 0;
        long nextOrphanSweep = System.currentTimeMillis() + ORPHAN_SWEEP_MILLIS;
        while (loop.running()) {
            try {
                List<ServiceInstance> pending = transactions.inTransaction(tx -> instances.inStatus(tx, PENDING, 200));
                boolean submitted = false;
                for (ServiceInstance instance : pending) {
                    submitted |= submit(instance);
                }
                if (System.currentTimeMillis() > nextLivenessCheck) {
                    failInstancesWhoseProcessDied();
                    nextLivenessCheck = System.currentTimeMillis() + 2000;
                }
                if (System.currentTimeMillis() > nextOrphanSweep) {
                    // Not only at start: a container or directory someone restored, or a destroy that failed half-way
                    removeInstancesWithoutARecord();
                    nextOrphanSweep = System.currentTimeMillis() + ORPHAN_SWEEP_MILLIS;
                }
                if (!submitted) {
                    loop.awaitWakeUp(500);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("Instance worker pass failed, retrying: {}", e.toString());
                BackgroundLoop.sleepQuietly(1000);
            }
        }
    }

    /** Runs the instance's next step on the pool unless a step of it is already running. @return whether it was */
    private boolean submit(ServiceInstance instance) {
        if (!busy.tryBegin(instance.environmentId(), instance.service())) {
            return false;
        }
        steps.execute(() -> {
            try {
                // The row is read again: the pass that listed it may have seen it before an earlier step committed
                Optional<ServiceInstance> current = transactions.inTransaction(tx ->
                        instances.find(tx, instance.environmentId(), instance.service()));
                if (current.isPresent() && PENDING.contains(current.get().status())) {
                    advance(current.get());
                }
            } catch (Exception e) {
                LOG.warn("{} of {}: {} step failed, retrying: {}", instance.service(), instance.environmentId(),
                        instance.status(), e.toString());
                BackgroundLoop.sleepQuietly(1000);
            } finally {
                busy.end(instance.environmentId(), instance.service());
                wakeUp();
            }
        });
        return true;
    }

    private void advance(ServiceInstance instance) throws Exception {
        switch (ServiceStatus.of(instance.status()).orElse(ServiceStatus.FAILED)) {
            case PROVISIONING, STARTING -> start(instance);
            case STOPPING -> stop(instance);
            case DESTROYING -> destroy(instance);
            default -> LOG.debug("Nothing to do for {} in {}", instance.service(), instance.status());
        }
    }

    private void start(ServiceInstance instance) throws Exception {
        boolean firstStart = InstanceStatus.PROVISIONING.equals(instance.status());
        if (firstStart && !mayRestore(instance)) {
            return;
        }
        Optional<InstanceSeeds.Claimed> claimed = firstStart ? transactions.inTransaction(tx ->
                seeds.claimAttempt(tx, instance.environmentId(), instance.service())) : Optional.empty();
        Optional<ServiceSeed> seed = claimed.map(InstanceSeeds.Claimed::seed);
        Optional<String> snapshot = claimed.map(InstanceSeeds.Claimed::snapshotId);
        if (claimed.isPresent() && claimed.get().attempts() > MAX_SEED_ATTEMPTS) {
            driver.destroy(instance.runtime(), instance.service(), -1);
            fail(instance, (snapshot.isPresent() ? "restore" : "seed") + " failed: applying it was cut short "
                    + MAX_SEED_ATTEMPTS + " times (the provisioner stopped part-way each time)", true);
            return;
        }
        long pid;
        InstanceSpec spec;
        try {
            String password = vault.decrypt(instance.secret(), instance.secretBinding());
            spec = new InstanceSpec(instance.runtime(), instance.service(), instance.version(), instance.port(), password,
                    limits.forTier(instance.tier()));
            if (claimed.isPresent()) {
                // A seed or a snapshot lands on an empty instance exactly once: what a cut-short attempt left goes
                driver.destroy(instance.runtime(), instance.service(), -1);
            }
            restores.restoreBeforeStart(driver, spec, instance, snapshot, seed);
            pid = driver.start(spec);
        } catch (Exception e) {
            LOG.warn("{} of {} failed to start: {}", instance.service(), instance.environmentId(), e.getMessage());
            if (claimed.isPresent()) { // what a restore made (a container given the copy) goes, as for a failed seed
                driver.destroy(instance.runtime(), instance.service(), -1);
            }
            fail(instance, (snapshot.isPresent() ? "restore failed: " : "") + e.getMessage(), firstStart);
            return;
        }
        if (seed.isPresent() && !applySeed(instance, spec, pid, seed.get())) {
            return;
        }
        startedHere.add(pid);
        boolean settled = transactions.inTransaction(tx -> {
            seeds.delete(tx, instance.environmentId(), instance.service());
            if (!instances.settle(tx, instance, InstanceStatus.RUNNING, pid, null, false)) {
                // Destroyed (or stopped) while it was starting: keep the pid so the next pass can stop the process
                instances.recordPid(tx, instance, pid);
                return false;
            }
            if (snapshot.isPresent()) {
                restores.announce(tx, instance, snapshot.get());
            }
            emit(tx, instance, firstStart
                    ? new ServiceReady(instance.service(), instance.version(), HOST, instance.port(), maskedEndpoint(instance))
                    : new ServiceStarted(instance.service(), HOST, instance.port()));
            return true;
        });
        if (settled) {
            LOG.info("{} of {} is running on port {}", instance.service(), instance.environmentId(), instance.port());
            if (firstStart) {
                readyTimes.record(instance);
            }
        }
    }

    /** A first start restoring a snapshot waits while it is taken (a clone's), and fails if it failed or is gone. */
    private boolean mayRestore(ServiceInstance instance) throws Exception {
        Restores.Readiness readiness = transactions.inTransaction(tx -> restores.readiness(tx, instance));
        if (readiness.failure() != null) {
            fail(instance, readiness.failure(), true);
            return false;
        }
        if (readiness.waiting()) {
            // Paced here: the loop submits pending instances on every pass
            BackgroundLoop.sleepQuietly(250);
            return false;
        }
        return true;
    }

    /**
     * Seeds a first start. A seed the service refuses fails the instance with the service's message (the log gets only
     * where it failed: it may quote the user's data) and discards it, since it holds part of the seed. @return whether
     * the instance may be reported running
     */
    private boolean applySeed(ServiceInstance instance, InstanceSpec spec, long pid, ServiceSeed seed) throws Exception {
        try {
            LOG.info("Seeding {} of {}", instance.service(), instance.environmentId());
            seeder.apply(instance.service(), driver.endpoint(spec), spec.password(), seed);
            return true;
        } catch (Exception e) {
            // A refusal names where it failed; anything else only its kind. The server goes now, not outlive its pid
            SeedFailure failure = e instanceof SeedFailure refused ? refused : new SeedFailure("connection",
                    "the service could not be seeded (" + e.getClass().getSimpleName() + ")");
            LOG.warn("{} of {}: its seed failed at {}", instance.service(), instance.environmentId(), failure.where());
            driver.destroy(instance.runtime(), instance.service(), pid);
            fail(instance, failure.getMessage(), true);
            return false;
        }
    }

    private void stop(ServiceInstance instance) throws Exception {
        if (instance.pid() != null) {
            driver.stop(instance.runtime(), instance.service(), instance.pid());
            startedHere.remove(instance.pid());
        }
        transactions.inTransaction(tx -> {
            if (instances.settle(tx, instance, InstanceStatus.STOPPED, null, null, false)) {
                emit(tx, instance, new ServiceStopped(instance.service()));
            }
            return null;
        });
    }

    private void destroy(ServiceInstance instance) throws Exception {
        driver.destroy(instance.runtime(), instance.service(), instance.pid() == null ? -1 : instance.pid());
        if (instance.pid() != null) {
            startedHere.remove(instance.pid());
        }
        transactions.inTransaction(tx -> {
            seeds.delete(tx, instance.environmentId(), instance.service());
            if (instances.settle(tx, instance, InstanceStatus.DESTROYED, null, null, true)) {
                if (instance.port() != null) {
                    ports.release(tx, instance.port());
                }
                emit(tx, instance, new ServiceDestroyed(instance.service()));
            }
            return null;
        });
    }

    /** A service that cannot run fails its environment; a first start that failed gives back its port and secret. */
    private void fail(ServiceInstance instance, String reason, boolean releaseAll) throws Exception {
        String why = reason == null ? "unknown error" : reason;
        transactions.inTransaction(tx -> {
            seeds.delete(tx, instance.environmentId(), instance.service());
            if (instances.settle(tx, instance, InstanceStatus.FAILED, null, why, releaseAll)) {
                if (releaseAll && instance.port() != null) {
                    ports.release(tx, instance.port());
                }
                emit(tx, instance, new ServiceFailed(instance.service(), why));
            }
            return null;
        });
    }

    /**
     * What the runtime holds but no live record asks for (its row was destroyed, or never committed after a crash)
     * is stopped and deleted. A warm-pool instance's record is its pool row, or the row of the environment that
     * leased it.
     */
    private void removeInstancesWithoutARecord() {
        try {
            for (RuntimeDriver.InstanceOnDisk held : driver.instancesOnDisk()) {
                boolean recorded = transactions.inTransaction(tx ->
                        instances.findLiveByRuntime(tx, held.runtimeId(), held.service()).isPresent()
                                || pool.exists(tx, held.runtimeId()));
                if (!recorded) {
                    LOG.warn("Removing {} of {}: no live record asks for it", held.service(), held.runtimeId());
                    driver.destroy(held.runtimeId(), held.service(), -1);
                }
            }
        } catch (Exception e) {
            LOG.warn("Could not reconcile instances on disk: {}", e.toString());
        }
    }

    private void resumeInstancesThatShouldRun() {
        try {
            transactions.inTransaction(tx -> {
                for (ServiceInstance instance : instances.inStatus(tx, List.of(InstanceStatus.RUNNING), 10_000)) {
                    if (instance.pid() != null && driver.adopt(instance.runtime(), instance.service(), instance.pid())) {
                        startedHere.add(instance.pid());
                    } else {
                        instances.requestOne(tx, instance, InstanceStatus.RUNNING, InstanceStatus.STARTING);
                    }
                }
                return null;
            });
        } catch (Exception e) {
            LOG.warn("Could not resume instances: {}", e.toString());
        }
    }

    private void failInstancesWhoseProcessDied() throws Exception {
        List<ServiceInstance> live = transactions.inTransaction(tx -> instances.inStatus(tx, List.of(InstanceStatus.RUNNING), 10_000));
        for (ServiceInstance instance : live) {
            if (instance.pid() != null && startedHere.contains(instance.pid()) && !driver.isAlive(instance.runtime(), instance.service(), instance.pid())) {
                startedHere.remove(instance.pid());
                LOG.warn("{} of {} died (pid {})", instance.service(), instance.environmentId(), instance.pid());
                fail(instance, "the process exited unexpectedly", true);
            }
        }
    }

    private void emit(Connection tx, ServiceInstance instance, Message event) throws Exception {
        outbox.append(tx, EventEnvelope.of(event).withEnvironmentId(instance.environmentId()).withUserId(instance.userId()));
    }

    private static String maskedEndpoint(ServiceInstance instance) {
        return ConnectionStrings.masked(instance.service(), instance.port());
    }

    @PreDestroy
    public void stopWorker() throws InterruptedException {
        loop.stop(15_000);
        steps.shutdown();
        if (!steps.awaitTermination(30, TimeUnit.SECONDS)) {
            steps.shutdownNow();
        }
    }
}
