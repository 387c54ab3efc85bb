package io.mockfactory.events.seed;

import java.util.List;

/**
 * Data one service of a new environment starts with, applied after its first start and before it is reported
 * running. Exactly one form is set, the one its type takes: {@code sql} for the PostgreSQL flavours (run in one
 * transaction), {@code commands} for Redis (each an argument vector, sent in order), {@code queues} for ElasticMQ.
 * It travels only in the create command: never in events, the read model or history, since it is the user's data.
 */
public record ServiceSeed(String sql, List<List<String>> commands, List<QueueSeed> queues) {
    public ServiceSeed {
        commands = commands == null ? null : commands.stream().map(List::copyOf).toList();
        queues = queues == null ? null : List.copyOf(queues);
    }

    public static ServiceSeed ofSql(String sql) {
        return new ServiceSeed(sql, null, null);
    }

    public static ServiceSeed ofCommands(List<List<String>> commands) {
        return new ServiceSeed(null, commands, null);
    }

    public static ServiceSeed ofQueues(List<QueueSeed> queues) {
        return new ServiceSeed(null, null, queues);
    }

    /** A queue created with these message bodies already sent to it, in order. */
    public record QueueSeed(String name, List<String> messages) {
        public QueueSeed {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
    }
}
