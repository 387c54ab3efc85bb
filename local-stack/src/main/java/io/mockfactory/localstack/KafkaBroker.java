package io.mockfactory.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real single-node Apache Kafka broker in KRaft mode, in this JVM. It can be stopped and started again on the
 * same ports and log directory, which is how tests take "Kafka down" and bring it back.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLUSTER_ID = "bW9ja2ZhY3RvcnktbG9jYQ";

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private KafkaRaftServer server;

    public KafkaBroker(Path logDir, int brokerPort, int controllerPort) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        Properties config = config();
        formatStorageOnce(config);
        server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        server.startup();
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties config() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.flush.interval.messages", "1000000");
        props.put("log.retention.hours", "168");
        props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return props;
    }

    private void formatStorageOnce(Properties config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Path file = logDir.getParent().resolve(logDir.getFileName() + ".properties");
            try (var out = Files.newOutputStream(file)) {
                config.store(out, "MockFactory local broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {"format", "-t", CLUSTER_ID, "-c", file.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("Formatting Kafka storage failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare Kafka storage in " + logDir, e);
        }
    }
}
