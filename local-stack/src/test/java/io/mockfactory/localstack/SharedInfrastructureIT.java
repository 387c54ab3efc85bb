package io.mockfactory.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedInfrastructureIT {

    @Test
    void shouldServeRealPostgresAndARestartableKafkaBroker() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        try (Connection connection = infra.postgres().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database(), version()")) {
            assertTrue(rs.next());
            assertEquals(PostgresServer.DATABASE, rs.getString(1));
            assertTrue(rs.getString(2).startsWith("PostgreSQL"));
        }
        assertNotNull(clusterId(infra));

        infra.kafka().stop();
        assertFalse(infra.kafka().isRunning());
        infra.kafka().start();
        assertNotNull(clusterId(infra));
    }

    private static String clusterId(SharedInfrastructure infra) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }
}
