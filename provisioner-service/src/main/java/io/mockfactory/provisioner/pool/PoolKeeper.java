package io.mockfactory.provisioner.pool;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.loop.BackgroundLoop;
import io.mockfactory.kit.secret.CredentialVault;
import io.mockfactory.provisioner.port.PortAllocator;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import io.mockfactory.provisioner.runtime.TierResources;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps each warm pool at its size, one server start at a time on its own thread (a lease never waits for it; the
 * stack's own start-up is not crowded by eight servers at once). Each start is recorded before it begins
 * ({@code warming}, with its port) and after it answers ({@code ready}), so a crash in between leaves a row naming
 * what to clean up; on start, warming rows are removed, and ready ones adopted if their server still runs. A pool
 * server that dies is removed and replaced. Nothing is started while the machine's available memory is below
 * {@code min-available-mib}. Pool servers belong to no user: they hold no quota slot, emit no events and bill nothing.
 */
@Singleton
public class PoolKeeper implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PoolKeeper.class);
    private static final long CHECK_MILLIS = 5000;
    private static final long TARGETS_MILLIS = 60_000;
    private static final long REFILL_DELAY_MILLIS = 250;

    private final Transactions transactions;
    private final PoolInstances pool;
    private final PortAllocator ports;
    private final CredentialVault vault;
    private final RuntimeDriver driver;
    private final PoolTargets configured;
    private final MemoryHeadroom memory;
    private final TierResources limits;
    private final MeterRegistry registry;
    private final BackgroundLoop loop = new BackgroundLoop("warm-pool-keeper");
    private final Map<String, AtomicInteger> readyGauges = new ConcurrentHashMap<>();

    public PoolKeeper(Transactions transactions, PoolInstances pool, PortAllocator ports, CredentialVault vault,
                      RuntimeDriver driver, MemoryHeadroom memory, TierResources limits, MeterRegistry registry,
                      @Value("${mockfactory.provisioner.warm-pool.instances:}") String instances) {
        this.transactions = transactions;
        this.pool = pool;
        this.ports = ports;
        this.vault = vault;
        this.driver = driver;
        this.memory = memory;
        this.limits = limits;
        this.registry = registry;
        this.configured = PoolTargets.parse(instances);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop.start(this::work);
    }

    /** A lease took an instance: refill now rather than at the next check. */
    public void wakeUp() {
        loop.wakeUp();
    }

    private void work() {
        reconcile();
        List<PoolTargets.Target> targets = List.of();
        long nextTargets = 0;
        while (loop.running()) {
            try {
                if (System.currentTimeMillis() >= nextTargets) {
                    // Asking the runtimes what they serve runs their servers' --version: not on every pass
                    targets = targets();
                    nextTargets = System.currentTimeMillis() + TARGETS_MILLIS;
                }
                removeDead();
                boolean started = false;
                for (PoolTargets.Target target : targets) {
                    started |= topUp(target);
                }
                if (!started && loop.awaitWakeUp(CHECK_MILLIS)) {
                    // A lease: its events go first on this machine's cores, the refill after them
                    Thread.sleep(REFILL_DELAY_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.warn("Warm pool pass failed, retrying: {}", e.toString());
                BackgroundLoop.sleepQuietly(CHECK_MILLIS);
            }
        }
    }

    /** The configured pools this runtime can keep: local types, at a version this machine serves. */
    List<PoolTargets.Target> targets() {
        List<Availability> served = driver.availability().stream().filter(Availability::available).toList();
        return configured.resolve(type -> served.stream().filter(v -> v.type().equals(type)).map(Availability::version).findFirst())
                .stream()
                .filter(target -> driver.keepsWarmInstances(target.service()))
                .filter(target -> served.stream().anyMatch(v -> v.type().equals(target.service()) && v.version().equals(target.version())))
                .toList();
    }

    /** Starts one instance if the pool is short. @return whether it started one (then the caller looks again at once) */
    private boolean topUp(PoolTargets.Target target) throws Exception {
        List<PoolInstance> held = transactions.read(pool::all).stream()
                .filter(i -> i.service().equals(target.service()) && i.version().equals(target.version())).toList();
        gauge(target).set((int) held.stream().filter(i -> PoolInstance.READY.equals(i.status())).count());
        if (held.size() >= target.size()) {
            return false;
        }
        if (!memory.allowsAnotherInstance()) {
            return false;
        }
        String id = EventIds.newId("pool");
        String password = vault.newPassword();
        Optional<PoolInstance> warming = transactions.inTransaction(tx -> {
            OptionalInt port = ports.allocate(tx, id, target.service());
            if (port.isEmpty()) {
                return Optional.<PoolInstance>empty();
            }
            PoolInstance instance = new PoolInstance(id, target.service(), target.version(), PoolInstance.WARMING,
                    port.getAsInt(), vault.encrypt(password, PoolInstance.binding(id, target.service())), null);
            pool.insertWarming(tx, instance);
            return Optional.of(instance);
        });
        if (warming.isEmpty()) {
            LOG.warn("No free port for a warm {} {}: the pool stays short", target.service(), target.version());
            return false;
        }
        try {
            // Confined from the start in the default tier's limits: making the cgroups is most of what confining costs
            // (15-25 ms measured), so the lease only writes its own tier's limits into groups that exist already
            long pid = driver.start(new InstanceSpec(id, target.service(), target.version(), warming.get().port(), password,
                    limits.forTier(null)));
            if (!transactions.inTransaction(tx -> pool.markReady(tx, id, pid))) {
                driver.destroy(id, target.service(), pid);
                return false;
            }
            LOG.info("Warm {} {} ready on port {} ({})", target.service(), target.version(), warming.get().port(), id);
            return true;
        } catch (Exception e) {
            LOG.warn("A warm {} {} failed to start, retrying later: {}", target.service(), target.version(), e.getMessage());
            discard(warming.get());
            BackgroundLoop.sleepQuietly(CHECK_MILLIS);
            return false;
        }
    }

    /** After a crash or a restart: half-started servers go, ready ones are adopted if they still run. */
    private void reconcile() {
        try {
            for (PoolInstance instance : transactions.read(pool::all)) {
                boolean adopted = PoolInstance.READY.equals(instance.status()) && instance.pid() != null
                        && driver.adopt(instance.id(), instance.service(), instance.pid());
                if (!adopted) {
                    discard(instance);
                }
            }
        } catch (Exception e) {
            LOG.warn("Could not reconcile the warm pools: {}", e.toString());
        }
    }

    private void removeDead() throws Exception {
        for (PoolInstance instance : transactions.read(pool::all)) {
            if (PoolInstance.READY.equals(instance.status())
                    && !driver.isAlive(instance.id(), instance.service(), instance.pid() == null ? -1 : instance.pid())) {
                LOG.warn("Warm {} {} ({}) died; replacing it", instance.service(), instance.version(), instance.id());
                discard(instance);
            }
        }
    }

    /**
     * The row goes first, with its port: if a lease took it meanwhile, the server is the environment's now and is left
     * alone. A crash after the delete leaves a directory no record names, which the instance worker's sweep removes.
     */
    private void discard(PoolInstance instance) throws Exception {
        boolean removed = transactions.inTransaction(tx -> {
            Optional<PoolInstance> row = pool.remove(tx, instance.id());
            if (row.isPresent()) {
                ports.release(tx, row.get().port());
            }
            return row.isPresent();
        });
        if (removed) {
            driver.destroy(instance.id(), instance.service(), instance.pid() == null ? -1 : instance.pid());
        }
    }

    private AtomicInteger gauge(PoolTargets.Target target) {
        return readyGauges.computeIfAbsent(target.service() + ":" + target.version(), key -> {
            AtomicInteger ready = new AtomicInteger();
            Gauge.builder("warm.pool.ready", ready, AtomicInteger::get).tag("type", target.service())
                    .tag("version", target.version()).description("Warm instances ready to be leased").register(registry);
            return ready;
        });
    }

    @PreDestroy
    public void stopKeeper() throws InterruptedException {
        loop.stop(15_000);
    }
}
