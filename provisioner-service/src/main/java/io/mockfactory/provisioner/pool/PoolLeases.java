package io.mockfactory.provisioner.pool;

import io.mockfactory.kit.secret.CredentialVault;
import io.mockfactory.provisioner.port.PortAllocator;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.ResourceLimits;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Optional;

/** Hands a ready warm instance, with its port, to an environment, inside the transaction that records the create. */
@Singleton
public class PoolLeases {
    private static final Logger LOG = LoggerFactory.getLogger(PoolLeases.class);
    private final PoolInstances pool;
    private final PortAllocator ports;
    private final RuntimeDriver driver;
    private final PoolKeeper keeper;
    private final CredentialVault vault;

    public PoolLeases(PoolInstances pool, PortAllocator ports, RuntimeDriver driver, PoolKeeper keeper, CredentialVault vault) {
        this.vault = vault;
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

    /**
     * Gives the leased server the environment's password and tier limits. @return false if it could not (it died, or
     * a rolled-back earlier lease changed its password): it is then destroyed, and the caller starts a fresh one
     */
    public boolean takeOver(PoolInstance warm, String password, ResourceLimits limits) {
        InstanceSpec spec = new InstanceSpec(warm.id(), warm.service(), warm.version(), warm.port(), password, limits);
        try {
            driver.takeOver(spec, warm.pid(), vault.decrypt(warm.secret(), warm.secretBinding()));
            return true;
        } catch (Exception e) {
            LOG.warn("The warm {} {} ({}) cannot be taken over ({}); starting a fresh one instead", warm.service(),
                    warm.version(), warm.id(), e.getMessage());
            try {
                driver.destroy(warm.id(), warm.service(), warm.pid() == null ? -1 : warm.pid());
            } catch (Exception destroyFailed) {
                // the instance worker's sweep removes a directory no record names
                LOG.warn("Could not remove the warm {} {}: {}", warm.service(), warm.id(), destroyFailed.toString());
            }
            return false;
        }
    }

    /** After the lease committed: the pool is one short. */
    public void refill() {
        keeper.wakeUp();
    }
}
