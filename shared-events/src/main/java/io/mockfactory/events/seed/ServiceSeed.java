package io.mockfactory.events.seed;

import java.util.List;

/**
 * Data one service of a new environment starts with, applied after its first start and before it is reported
 * running. Exactly one form is set, the one its type takes: {@code sql} for the PostgreSQL flavours (run in one
 * transaction), {@code commands} or {@code rdb} for Redis (each an argument vector, sent in order; or the id of an RDB
 * file the user uploaded, loaded before the first start), {@code queues} for ElasticMQ,
 * {@code buckets} or {@code objects} for S3 (copies of buckets of the user's other environments, or the files of an
 * archive the user uploaded, by its id: the bytes never travel in a message).
 * It travels only in the create command: never in events, the read model or history, since it is the user's data.
 */
public record ServiceSeed(String sql, List<List<String>> commands, List<QueueSeed> queues, List<BucketSeed> buckets,
                          ObjectsSeed objects, String rdb) {
    public ServiceSeed {
        commands = commands == null ? null : commands.stream().map(List::copyOf).toList();
        queues = queues == null ? null : List.copyOf(queues);
        buckets = buckets == null ? null : List.copyOf(buckets);
    }

    public static ServiceSeed ofSql(String sql) {
        return new ServiceSeed(sql, null, null, null, null, null);
    }

    public static ServiceSeed ofCommands(List<List<String>> commands) {
        return new ServiceSeed(null, commands, null, null, null, null);
    }

    public static ServiceSeed ofQueues(List<QueueSeed> queues) {
        return new ServiceSeed(null, null, queues, null, null, null);
    }

    public static ServiceSeed ofBuckets(List<BucketSeed> buckets) {
        return new ServiceSeed(null, null, null, buckets, null, null);
    }

    /** @param upload an upl_… id of the user's: an RDB file */
    public static ServiceSeed ofRdb(String upload) {
        return new ServiceSeed(null, null, null, null, null, upload);
    }

    public static ServiceSeed ofObjects(ObjectsSeed objects) {
        return new ServiceSeed(null, null, null, null, objects, null);
    }

    /**
     * The files of the user's upload {@code upload} (upl_…, a tar, gzipped tar or zip) as the objects of a new bucket
     * {@code bucket}, each keyed by its path in the archive.
     */
    public record ObjectsSeed(String upload, String bucket) {
    }

    /**
     * A copy of bucket {@code bucket} of the same user's environment {@code environmentId}, under the same name: its
     * settings and every object version as they are when the new environment is made.
     */
    public record BucketSeed(String environmentId, String bucket) {
    }

    /** A queue created with these message bodies already sent to it, in order. */
    public record QueueSeed(String name, List<String> messages) {
        public QueueSeed {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
    }
}
