package io.mockfactory.junit5;

import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.environment.EnvironmentSpec;
import io.mockfactory.client.error.AuthenticationException;
import io.mockfactory.client.error.MockFactoryException;
import io.mockfactory.client.error.UnavailableException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.UUID;

/**
 * Takes an environment as an annotation describes it and gives it back afterwards: destroyed, or stopped when it is
 * reused. A lease lives in a JUnit store, which closes it when its class (or method) is done, whatever the outcome.
 */
final class Leases {
    private Leases() {
    }

    /** Closed by JUnit with the store that holds it. */
    static final class Lease implements ExtensionContext.Store.CloseableResource {
        private final LeasedEnvironment leased;
        private final boolean reused;

        Lease(LeasedEnvironment leased, boolean reused) {
            this.leased = leased;
            this.reused = reused;
        }

        LeasedEnvironment leased() {
            return leased;
        }

        @Override
        public void close() {
            try {
                if (reused) {
                    leased.client().environments().stop(leased.id());
                } else {
                    leased.client().environments().destroy(leased.id());
                }
            } catch (MockFactoryException unreachable) {
                // The TTL set at creation destroys it anyway; a test run must not fail on its clean-up
                System.err.println("[mockfactory] could not " + (reused ? "stop" : "destroy") + " " + leased.id()
                        + " (" + unreachable.getMessage() + "); its TTL will");
            }
        }
    }

    static Lease take(MockFactoryClient client, MockFactoryEnvironment spec, String defaultName) {
        requireOneSource(spec);
        if (!client.settings().hasCredential()) {
            throw new ExtensionConfigurationException("@MockFactoryEnvironment needs an API key: set MOCKFACTORY_API_KEY"
                    + " (or -Dmockfactory.api-key) and MOCKFACTORY_URL (now " + client.settings().baseUrl() + ")");
        }
        if (spec.reuse() && spec.name().isBlank()) {
            throw new ExtensionConfigurationException("@MockFactoryEnvironment(reuse = true) needs a name to find the environment by");
        }
        Duration wait = Duration.ofSeconds(spec.startupTimeoutSeconds());
        try {
            if (spec.reuse()) {
                return new Lease(lease(client, reusable(client, spec, wait)), true);
            }
            String name = spec.name().isBlank() ? defaultName + "-" + UUID.randomUUID().toString().substring(0, 8) : spec.name();
            EnvironmentSpec request = specOf(spec, name).ttlMinutes(spec.ttlMinutes());
            Environment created = client.environments().create(request);
            try {
                return new Lease(lease(client, client.environments().awaitRunning(created.id(), wait, ignored -> { })), false);
            } catch (RuntimeException notReady) {
                // Nobody would destroy it: the class fails before its store holds the lease
                try {
                    client.environments().destroy(created.id());
                } catch (RuntimeException alsoFailed) {
                    notReady.addSuppressed(alsoFailed);
                }
                throw notReady;
            }
        } catch (AuthenticationException refused) {
            throw new ExtensionConfigurationException("MockFactory at " + client.settings().baseUrl()
                    + " refused the API key (" + refused.getMessage() + "); check MOCKFACTORY_API_KEY", refused);
        } catch (UnavailableException down) {
            throw new ExtensionConfigurationException("MockFactory is not reachable at " + client.settings().baseUrl()
                    + " (" + down.getMessage() + "); check MOCKFACTORY_URL and that it is running", down);
        }
    }

    /** The environment of this name, started if it was stopped; created (without a TTL) the first time. */
    private static Environment reusable(MockFactoryClient client, MockFactoryEnvironment spec, Duration wait) {
        for (Environment existing : client.environments().all()) {
            if (existing.name().equals(spec.name()) && !existing.isGone()) {
                String status = existing.status();
                if ("stopping".equals(status)) {
                    // A previous run's stop still under way (the client follows it to its end)
                    status = client.environments().stop(existing.id());
                }
                if ("stopped".equals(status)) {
                    client.environments().start(existing.id());
                }
                return client.environments().awaitRunning(existing.id(), wait, ignored -> { });
            }
        }
        return client.environments().awaitRunning(client.environments().create(specOf(spec, spec.name())).id(), wait,
                ignored -> { });
    }

    /**
     * Services, or a snapshot that gives them: checked before any call, so a misdeclared class fails at once and
     * with a message naming the attributes, not with the API's 422 after its key was checked.
     */
    static void requireOneSource(MockFactoryEnvironment spec) {
        boolean snapshot = !spec.fromSnapshot().isBlank();
        if (snapshot && snapshotOf(spec).isBlank()) {
            throw new ExtensionConfigurationException("@MockFactoryEnvironment fromSnapshot = \"" + spec.fromSnapshot()
                    + "\" names a system property or environment variable that is not set");
        }
        if (snapshot && spec.services().length > 0) {
            throw new ExtensionConfigurationException("@MockFactoryEnvironment takes services or fromSnapshot, not both:"
                    + " an environment made from snapshot " + spec.fromSnapshot().strip() + " gets the snapshot's services");
        }
        if (snapshot && spec.seeds().length > 0) {
            throw new ExtensionConfigurationException("@MockFactoryEnvironment seeds cannot go with fromSnapshot: the"
                    + " environment starts with the data of snapshot " + spec.fromSnapshot().strip());
        }
        if (!snapshot && spec.services().length == 0) {
            throw new ExtensionConfigurationException("@MockFactoryEnvironment needs services (e.g. services = \"redis\")"
                    + " or fromSnapshot = \"snap_…\"");
        }
    }

    /**
     * The snapshot id: the attribute itself, or for {@code "${NAME}"} the system property NAME, else the environment
     * variable NAME (an id is known only once the snapshot is taken, so a build usually passes it in). Blank if unset.
     */
    static String snapshotOf(MockFactoryEnvironment spec) {
        String value = spec.fromSnapshot().strip();
        if (value.startsWith("${") && value.endsWith("}")) {
            String name = value.substring(2, value.length() - 1);
            String resolved = System.getProperty(name, System.getenv(name));
            return resolved == null ? "" : resolved.strip();
        }
        return value;
    }

    private static EnvironmentSpec specOf(MockFactoryEnvironment spec, String name) {
        EnvironmentSpec request = EnvironmentSpec.named(name);
        if (!spec.fromSnapshot().isBlank()) {
            return request.fromSnapshot(snapshotOf(spec));
        }
        for (String service : spec.services()) {
            request.serviceNotation(service);
        }
        SeedResources.addTo(request, spec, Thread.currentThread().getContextClassLoader());
        return request;
    }

    private static LeasedEnvironment lease(MockFactoryClient client, Environment running) {
        return new LeasedEnvironment(client, running, client.environments().credentials(running.id()));
    }
}
