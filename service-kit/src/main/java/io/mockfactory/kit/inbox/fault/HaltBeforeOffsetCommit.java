package io.mockfactory.kit.inbox.fault;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.mockfactory.kit.inbox.KafkaOffsetCommitter;
import io.mockfactory.kit.inbox.OffsetCommitter;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Fault injection for the exactly-once proof: the process dies like {@code kill -9} after its business transaction
 * committed and before Kafka learned the offset, so the broker redelivers a message whose effect already happened.
 * Off unless {@code mockfactory.faults.halt-before-offset-commit=true}; never set in a deployment.
 */
@Singleton
@Replaces(KafkaOffsetCommitter.class)
@Requires(property = "mockfactory.faults.halt-before-offset-commit", value = "true")
public class HaltBeforeOffsetCommit implements OffsetCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(HaltBeforeOffsetCommit.class);
    static final int EXIT_CODE = 86;

    @Override
    public void commit(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        LOG.warn("Fault injection: halting before committing offsets {}", offsets);
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
