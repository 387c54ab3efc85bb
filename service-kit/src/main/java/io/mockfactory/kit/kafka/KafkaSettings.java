package io.mockfactory.kit.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Where the broker is and how topics this service creates are shaped. */
@ConfigurationProperties("kafka")
public class KafkaSettings {
    private String bootstrapServers = "localhost:9092";
    private int partitions = 3;
    private short replicationFactor = 1;

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }
}
