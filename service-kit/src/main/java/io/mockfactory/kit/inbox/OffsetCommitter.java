package io.mockfactory.kit.inbox;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/** The last step of handling a batch. A seam so tests can crash a real service exactly between its commit and this. */
public interface OffsetCommitter {
    void commit(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets);
}
