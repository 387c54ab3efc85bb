package io.mockfactory.gateway.command;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Message;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

/**
 * How the gateway changes state: it never calls another service, it assigns the id and records the command in its
 * outbox; the relay publishes it to {@code mockfactory.environment.commands} keyed by environment id.
 */
@Singleton
public class EnvironmentCommands {
    private final Transactions transactions;
    private final OutboxWriter outbox;

    public EnvironmentCommands(Transactions transactions, OutboxWriter outbox) {
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** @return the new environment's id */
    public String requestCreate(String userId, CreateEnvironment command) throws Exception {
        String environmentId = EventIds.newId("env");
        send(userId, environmentId, command);
        return environmentId;
    }

    /** Start, stop and destroy all address an existing environment. */
    public EventEnvelope send(String userId, String environmentId, Message command) throws Exception {
        EventEnvelope envelope = EventEnvelope.of(command).withUserId(userId).withEnvironmentId(environmentId);
        return transactions.inTransaction(tx -> outbox.append(tx, envelope));
    }
}
