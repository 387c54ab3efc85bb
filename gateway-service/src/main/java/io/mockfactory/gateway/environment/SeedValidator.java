package io.mockfactory.gateway.environment;

import io.micronaut.json.tree.JsonNode;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.events.seed.ServiceSeed.BucketSeed;
import io.mockfactory.events.seed.ServiceSeed.ObjectsSeed;
import io.mockfactory.events.seed.ServiceSeed.QueueSeed;
import io.mockfactory.gateway.input.JsonBody;
import io.mockfactory.kit.web.Problem.FieldError;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one service's {@code seed}: SQL text for the PostgreSQL flavours, commands or an uploaded RDB file for Redis, queues with messages for
 * ElasticMQ, buckets of the user's other environments or the files of an upload for S3. Wrong shapes are recorded as
 * per-field validation errors; forms in the contract that this version does not build (a {@code pg_dump} upload) are
 * collected as unbuilt, so the caller refuses them with
 * {@code feature-unavailable} before anything is allocated. Sizes are bounded here because the seed travels inside the
 * create command (one Kafka message).
 */
final class SeedValidator {
    /** All seeds of one request together, as JSON-escaped UTF-8: half of a Kafka message's default 1 MiB. */
    static final int MAX_SEED_BYTES = 512 * 1024;
    static final int MAX_REDIS_COMMANDS = 10_000;
    static final int MAX_QUEUES = 100;
    static final int MAX_MESSAGES = 1_000;
    /** SQS's own limit on a message body. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    private static final Set<String> SQL_TYPES = Set.of("postgresql", "postgresql_pgvector", "postgis");
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");
    /** S3's bucket name rules, as storage-emulation-service applies them to CreateBucket. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final int MAX_BUCKETS = 20;
    /**
     * Commands that would end the seeding connection, block it, replace the credentials the environment reports or
     * turn the server into a replica: a seed is data, and these are not.
     */
    private static final Set<String> REDIS_REFUSED = Set.of("SHUTDOWN", "MONITOR", "SUBSCRIBE", "PSUBSCRIBE",
            "SSUBSCRIBE", "SYNC", "PSYNC", "REPLICAOF", "SLAVEOF", "DEBUG", "QUIT", "RESET", "ACL", "AUTH", "HELLO",
            "CONFIG", "CLIENT", "MIGRATE", "FAILOVER", "MODULE", "CLUSTER",
            // Blocking reads would hold the seed (and a provisioner worker) for their timeout each
            "BLPOP", "BRPOP", "BLMOVE", "BRPOPLPUSH", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP", "WAIT", "WAITAOF",
            "XREAD", "XREADGROUP");

    private final JsonBody body;
    private final List<FieldError> unbuilt;
    private long bytes;

    SeedValidator(JsonBody body, List<FieldError> unbuilt) {
        this.body = body;
        this.unbuilt = unbuilt;
    }

    /** @return the seed, or null when there is none or it is refused (the reason is recorded) */
    ServiceSeed read(String type, JsonNode settings, String serviceField) {
        String field = serviceField + ".seed";
        JsonNode seed = settings == null ? null : body.object(settings, "seed", field);
        if (seed == null) {
            return null;
        }
        ServiceSeed read;
        if (SQL_TYPES.contains(type)) {
            read = readSql(seed, field);
        } else if (type.equals("redis")) {
            read = readCommands(seed, field);
        } else if (type.equals("elasticmq")) {
            read = readQueues(seed, field);
        } else if (type.equals("aws_s3")) {
            read = seed.get("objects") != null ? readObjects(seed, field) : readBuckets(seed, field);
        } else {
            unbuilt.add(new FieldError(field, "seeding " + type + " is not available in this version"));
            return null;
        }
        if (bytes > MAX_SEED_BYTES) {
            body.reject(field, "the seeds of one request must be at most " + MAX_SEED_BYTES + " bytes in all");
            return null;
        }
        return read;
    }

    private ServiceSeed readSql(JsonNode seed, String field) {
        if (seed.get("sql") == null && seed.get("dump") != null) {
            unbuilt.add(new FieldError(field + ".dump", "seeding from a pg_dump upload is not available in this version"));
            return null;
        }
        JsonNode given = seed.get("sql");
        String sql = body.string(seed, "sql", field + ".sql", MAX_SEED_BYTES);
        if (sql == null || sql.isBlank()) {
            if (given == null || given.isNull() || sql != null) {
                // A wrong type or length is already recorded by the read above
                body.reject(field + ".sql", "must be SQL text, one or more statements separated by ';'");
            }
            return null;
        }
        count(sql);
        return ServiceSeed.ofSql(sql);
    }

    private ServiceSeed readCommands(JsonNode seed, String field) {
        if (seed.get("rdb") != null) {
            if (seed.get("commands") != null) {
                body.reject(field, "takes commands or rdb, not both");
                return null;
            }
            String upload = body.string(seed, "rdb", field + ".rdb", 64);
            if (!EventIds.isWellFormed("upl", upload)) {
                body.reject(field + ".rdb", "must be the id of one of your uploads (upl_…, an RDB file)");
                return null;
            }
            count(upload);
            return ServiceSeed.ofRdb(upload);
        }
        JsonNode commands = seed.get("commands");
        if (commands == null || !commands.isArray() || commands.size() == 0 || commands.size() > MAX_REDIS_COMMANDS) {
            body.reject(field + ".commands", "must be a list of 1 to " + MAX_REDIS_COMMANDS
                    + " commands, each a list of strings such as [\"SET\",\"k\",\"v\"] or a line such as \"SET k v\"");
            return null;
        }
        List<List<String>> read = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            String at = field + ".commands[" + i + "]";
            List<String> command = command(commands.get(i), at);
            if (command == null) {
                return null;
            }
            String name = command.get(0).toUpperCase(Locale.ROOT);
            if (REDIS_REFUSED.contains(name)) {
                body.reject(at, name + " cannot be part of a seed; a seed holds data commands only");
                return null;
            }
            if (command.stream().anyMatch(word -> word.indexOf('\0') >= 0)) {
                // A \x00 escape makes a NUL only after the split: no PostgreSQL text or JSONB column can hold it
                body.reject(at, "must not contain NUL characters");
                return null;
            }
            command.forEach(this::count);
            bytes += 3;
            read.add(command);
        }
        return ServiceSeed.ofCommands(read);
    }

    private List<String> command(JsonNode item, String at) {
        if (item.isString()) {
            List<String> words = RedisCommandLine.split(item.getStringValue());
            if (words == null || words.isEmpty()) {
                body.reject(at, words == null ? "has an unbalanced quote" : "must not be empty");
                return null;
            }
            return words;
        }
        if (item.isArray() && item.size() > 0) {
            List<String> words = new ArrayList<>();
            for (JsonNode word : item.values()) {
                if (!word.isString()) {
                    break;
                }
                words.add(word.getStringValue());
            }
            if (words.size() == item.size() && !words.get(0).isBlank()) {
                return words;
            }
        }
        body.reject(at, "must be a non-empty list of strings, or a command line");
        return null;
    }

    private ServiceSeed readQueues(JsonNode seed, String field) {
        JsonNode queues = seed.get("queues");
        if (queues == null || !queues.isArray() || queues.size() == 0 || queues.size() > MAX_QUEUES) {
            body.reject(field + ".queues", "must be a list of 1 to " + MAX_QUEUES + " queues, each {name, messages}");
            return null;
        }
        List<QueueSeed> read = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
            String at = field + ".queues[" + i + "]";
            JsonNode queue = queues.get(i);
            String name = queue.isObject() ? body.string(queue, "name", at + ".name", 80) : null;
            if (name == null || !QUEUE_NAME.matcher(name).matches()) {
                body.reject(at + ".name", "must be 1 to 80 letters, digits, '-' or '_', optionally ending in .fifo");
                return null;
            }
            List<String> messages = messages(queue.get("messages"), at + ".messages");
            if (messages == null) {
                return null;
            }
            count(name);
            messages.forEach(this::count);
            bytes += 24; // {"name":,"messages":[]}
            read.add(new QueueSeed(name, messages));
        }
        return ServiceSeed.ofQueues(read);
    }

    /**
     * The files of one of the caller's uploads as a new bucket's objects: whether the upload is the caller's, and a
     * readable archive, storage-emulation-service checks as it unpacks it (the seed fails, and so the environment).
     */
    private ServiceSeed readObjects(JsonNode seed, String field) {
        String at = field + ".objects";
        if (seed.get("buckets") != null) {
            body.reject(field, "takes buckets or objects, not both");
            return null;
        }
        JsonNode objects = body.object(seed, "objects", at);
        if (objects == null) {
            return null;
        }
        String upload = body.string(objects, "upload", at + ".upload", 64);
        if (!EventIds.isWellFormed("upl", upload)) {
            body.reject(at + ".upload", "must be the id of one of your uploads (upl_…, from POST /api/v1/uploads)");
            return null;
        }
        String bucket = bucketName(objects, at);
        if (bucket == null) {
            return null;
        }
        count(upload);
        count(bucket);
        return ServiceSeed.ofObjects(new ObjectsSeed(upload, bucket));
    }

    /**
     * Buckets to copy from the caller's other environments: which environments are the caller's, and hold the bucket,
     * storage-emulation-service checks as it copies (the seed fails, and so the environment, if one does not).
     */
    private ServiceSeed readBuckets(JsonNode seed, String field) {
        JsonNode buckets = seed.get("buckets");
        if (buckets == null || !buckets.isArray() || buckets.size() == 0 || buckets.size() > MAX_BUCKETS) {
            body.reject(field + ".buckets", "must be a list of 1 to " + MAX_BUCKETS
                    + " buckets to copy, each {environment_id, bucket}");
            return null;
        }
        List<BucketSeed> read = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < buckets.size(); i++) {
            String at = field + ".buckets[" + i + "]";
            JsonNode item = buckets.get(i);
            String environmentId = item.isObject() ? body.string(item, "environment_id", at + ".environment_id", 64) : null;
            if (!EventIds.isWellFormed("env", environmentId)) {
                body.reject(at + ".environment_id", "must be the id of another of your environments (env_…)");
                return null;
            }
            String bucket = bucketName(item, at);
            if (bucket == null) {
                return null;
            }
            if (!names.add(bucket)) {
                body.reject(at + ".bucket", "names a bucket already copied: each name is one bucket of the environment");
                return null;
            }
            count(environmentId);
            count(bucket);
            read.add(new BucketSeed(environmentId, bucket));
        }
        return ServiceSeed.ofBuckets(read);
    }

    /** @return {@code parent}'s bucket name, or null when it is not one (the reason is recorded) */
    private String bucketName(JsonNode parent, String at) {
        String bucket = body.string(parent, "bucket", at + ".bucket", 63);
        if (bucket == null || !BUCKET_NAME.matcher(bucket).matches()) {
            body.reject(at + ".bucket", "must be an S3 bucket name: 3 to 63 lowercase letters, digits, '.' or '-'");
            return null;
        }
        return bucket;
    }

    private List<String> messages(JsonNode messages, String at) {
        if (messages == null || messages.isNull()) {
            return List.of();
        }
        if (!messages.isArray() || messages.size() > MAX_MESSAGES) {
            body.reject(at, "must be a list of at most " + MAX_MESSAGES + " message bodies");
            return null;
        }
        List<String> read = new ArrayList<>();
        for (JsonNode message : messages.values()) {
            if (!message.isString() || message.getStringValue().isEmpty()
                    || message.getStringValue().getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
                body.reject(at, "each message must be a string of 1 to " + MAX_MESSAGE_BYTES + " bytes");
                return null;
            }
            read.add(message.getStringValue());
        }
        return read;
    }

    /**
     * Adds the size {@code text} has in the command's JSON: UTF-8, with control characters, quotes and '\\' escaped,
     * and its own quotes and separator; each list adds its brackets where it is read.
     */
    private void count(String text) {
        bytes += text.getBytes(StandardCharsets.UTF_8).length + 3;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x20 ? 5 : c == '"' || c == '\\' ? 1 : 0;
        }
    }
}
