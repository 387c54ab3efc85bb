package io.mockfactory.kit.inbox;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.kafka.ConsumerLagMetrics;
import io.mockfactory.kit.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts one consumer thread per {@link InboxHandler} bean when the service starts, and stops them before shutdown. */
@Singleton
public class InboxConsumers implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(InboxConsumers.class);

    private final List<InboxHandler> handlers;
    private final KafkaClients clients;
    private final Transactions transactions;
    private final Inbox inbox;
    private final DeadLetterPublisher deadLetters;
    private final OffsetCommitter committer;
    private final InboxSettings settings;
    private final ConsumerLagMetrics lag;
    private final String serviceName;
    private final Map<InboxConsumer, Thread> running = new java.util.LinkedHashMap<>();

    public InboxConsumers(List<InboxHandler> handlers, KafkaClients clients, Transactions transactions, Inbox inbox,
                          DeadLetterPublisher deadLetters, OffsetCommitter committer, InboxSettings settings,
                          ConsumerLagMetrics lag, @Value("${micronaut.application.name:mockfactory}") String serviceName) {
        this.handlers = handlers;
        this.clients = clients;
        this.transactions = transactions;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.committer = committer;
        this.settings = settings;
        this.lag = lag;
        this.serviceName = serviceName;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (!running.isEmpty()) {
            return;
        }
        for (InboxHandler handler : handlers) {
            String group = serviceName + "." + handler.consumerName();
            InboxConsumer consumer = new InboxConsumer(handler, clients.consumer(group), transactions, inbox,
                    deadLetters, committer, settings);
            deadLetters.countFrom(handler.topics());
            lag.track(group, handler.topics());
            Thread thread = new Thread(consumer, "inbox-" + handler.consumerName());
            thread.setDaemon(true);
            thread.start();
            running.put(consumer, thread);
            LOG.info("Consuming {} as group {}", handler.topics(), group);
        }
    }

    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        running.keySet().forEach(InboxConsumer::stop);
        for (Thread thread : new ArrayList<>(running.values())) {
            thread.join(10_000);
        }
        running.clear();
    }
}
