package io.mockfactory.kit.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One reading of the brokers' offsets: where each partition of some topics ends and starts, and how far given
 * consumer groups have committed into them. Only the Admin client is used (it is thread-safe); a group's own
 * KafkaConsumer is never touched from here.
 */
final class ConsumerLag {
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final Map<TopicPartition, Long> ends;
    private final Map<TopicPartition, Long> starts;

    private ConsumerLag(Admin admin, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> starts) {
        this.admin = admin;
        this.ends = ends;
        this.starts = starts;
    }

    /** Topics that do not exist (yet) are left out, so the others are still measured. */
    static ConsumerLag read(Admin admin, Collection<String> topics) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                topic.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).partitions()
                        .forEach(p -> partitions.add(new TopicPartition(topic.getKey(), p.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return new ConsumerLag(admin, offsets(admin, partitions, OffsetSpec.latest()),
                offsets(admin, partitions, OffsetSpec.earliest()));
    }

    /**
     * Per topic, the sum over its partitions of end offset minus the group's committed offset. A partition the group
     * never committed counts from its earliest offset: the kit's consumers start there (auto.offset.reset=earliest),
     * so that is what they still have to read.
     */
    Map<String, Long> byTopic(String group, Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> lag = new HashMap<>();
        ends.forEach((partition, end) -> {
            if (topics.contains(partition.topic())) {
                OffsetAndMetadata offset = committed.get(partition);
                long from = offset != null ? offset.offset() : starts.getOrDefault(partition, 0L);
                // Never negative, even for a commit past a truncated log's end
                lag.merge(partition.topic(), Math.max(0, end - from), Long::sum);
            }
        });
        return lag;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}
