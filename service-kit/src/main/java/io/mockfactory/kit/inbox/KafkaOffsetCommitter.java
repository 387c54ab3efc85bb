package io.mockfactory.kit.inbox;

import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

@Singleton
public class KafkaOffsetCommitter implements OffsetCommitter {
    @Override
    public void commit(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        consumer.commitSync(offsets);
    }
}
