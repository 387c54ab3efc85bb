package io.mockfactory.gateway.security;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.MalformedMessageException;
import io.mockfactory.events.Topics;
import io.mockfactory.events.user.AccessTokenRevoked;
import io.mockfactory.events.user.ApiKeyRevoked;
import io.mockfactory.kit.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every gateway instance reads every revocation (a broadcast, so no consumer group and no inbox: the effect is an
 * in-memory set). On start it rewinds one access-token lifetime, which covers every token that could still be valid.
 */
@Singleton
public class RevocationListener implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationListener.class);
    private static final Duration LOOKBACK = Duration.ofMinutes(16);

    private final KafkaClients clients;
    private final RevokedTokens revokedTokens;
    private final ApiKeyVerifier apiKeys;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public RevocationListener(KafkaClients clients, RevokedTokens revokedTokens, ApiKeyVerifier apiKeys) {
        this.clients = clients;
        this.revokedTokens = revokedTokens;
        this.apiKeys = apiKeys;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "revocation-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reconnects until stopped: a gateway that stopped hearing revocations would go on accepting revoked credentials. */
    private void listen() {
        int failures = 0;
        while (running) {
            try {
                readUntilStopped();
                return;
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                failures++;
                LOG.warn("Revocation listener lost Kafka (attempt {}), reconnecting: {}", failures, e.toString());
                try {
                    Thread.sleep(Math.min(5_000, 250L * failures));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void readUntilStopped() {
        KafkaConsumer<String, byte[]> reader = clients.broadcastConsumer("revocations");
        consumer = reader;
        try (reader) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.USER_EVENTS, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            reader.assign(partitions);
            rewind(reader, partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        }
    }

    private static void rewind(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        long since = Instant.now().minus(LOOKBACK).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToEnd(List.of(partition));
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope event = codec.decode(record.value());
            if (event.payload() instanceof AccessTokenRevoked revoked) {
                revokedTokens.revoke(revoked.jti(), revoked.expiresAt());
            } else if (event.payload() instanceof ApiKeyRevoked revoked) {
                apiKeys.evict(revoked.keyId());
            }
        } catch (MalformedMessageException e) {
            LOG.warn("Skipping an unreadable user event at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }
}
