package io.mockfactory.provisioner;

import io.mockfactory.events.EventIds;
import io.mockfactory.localstack.SharedInfrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A provisioner context's settings on the test JVM's Kafka and PostgreSQL: its own schema, ports, vault and data. */
public final class ProvisionerTestProperties {
    private ProvisionerTestProperties() {
    }

    /**
     * @param warmPool {@code mockfactory.provisioner.warm-pool.instances}: empty for none, so ports and processes
     *                 counted by a test are only its own
     */
    public static Map<String, Object> of(int firstPort, int ports, String warmPool, Path dataDir) throws IOException {
        String schema = "prov_" + EventIds.newId("t").substring(2, 10).toLowerCase().replaceAll("[^a-z0-9]", "x");
        Map<String, Object> props = new HashMap<>(SharedInfrastructure.get().serviceProperties(schema));
        props.put("mockfactory.provisioner.ports.first", firstPort);
        props.put("mockfactory.provisioner.ports.last", firstPort + ports - 1);
        props.put("mockfactory.provisioner.warm-pool.instances", warmPool);
        props.put("mockfactory.vault.key-file", Files.createTempDirectory("vault").resolve("key").toString());
        props.put("mockfactory.provisioner.local.data-dir", dataDir.toString());
        return props;
    }
}
