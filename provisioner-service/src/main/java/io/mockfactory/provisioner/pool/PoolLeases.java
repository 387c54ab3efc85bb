package io.mockfactory.provisioner.pool;

import io.mockfactory.provisioner.port.PortAllocator;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Optional;

/** Hands a ready warm instance, with its port, to an environment, inside the transaction that records the create. */
@Singleton
public class PoolLeases {
    private final PoolInstances pool;
    private final PortAllocator ports;
    private final RuntimeDriver driver;
    private final PoolKeeper keeper;

    public PoolLeases(PoolInstances pool, PortAllocator ports, RuntimeDriver driver, PoolKeeper keeper) {
        this.pool = pool;
        this.ports = ports;
        this.driver = driver;
        this.keeper = keeper;
    }

    /** @return the instance now the environment's, or empty if the pool of this type and version has none ready */
    public Optional<PoolInstance> lease(Connection tx, String environmentId, String service, String version) throws Exception {
        if (!driver.keepsWarmInstances(service)) {
            return Optional.empty();
        }
        Optional<PoolInstance> taken = pool.take(tx, service, version);
        if (taken.isPresent()) {
            ports.reassign(tx, taken.get().port(), environmentId, service);
        }
        return taken;
    }

    /** After the lease committed: the pool is one short. */
    public void refill() {
        keeper.wakeUp();
    }
}
