package io.mockfactory.kit.health;

import io.mockfactory.kit.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

@Singleton
public class KafkaHealthCheck implements HealthCheck {
    private final KafkaClients clients;
    private Admin admin;

    public KafkaHealthCheck(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void check() throws Exception {
        admin().describeCluster().nodes().get(3, TimeUnit.SECONDS);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = clients.admin();
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
