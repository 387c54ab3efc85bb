package io.mockfactory.provisioner.seed;

import io.mockfactory.provisioner.runtime.Endpoint;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.SafeEncoder;

import java.util.List;
import java.util.Locale;

/**
 * Sends a Redis seed's commands in order, pipelined in batches (10,000 commands one round trip each would take
 * seconds). The first command the server refuses fails the seed, named by its position and name only: Redis quotes
 * the arguments of an unknown command, and those are the user's data.
 */
final class RedisSeeding {
    private static final int BATCH = 100;
    private static final long DEADLINE_NANOS = 300_000_000_000L;
    /** Long enough for a large value, short enough that a blocking command (BLPOP k 0) fails the seed, not hangs it. */
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    private RedisSeeding() {
    }

    static void apply(Endpoint endpoint, String password, List<List<String>> commands) throws SeedFailure {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().password(password)
                .connectionTimeoutMillis(2000).socketTimeoutMillis(SOCKET_TIMEOUT_MILLIS).build();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        try (Jedis jedis = new Jedis(endpoint.host(), endpoint.port(), config)) {
            for (int from = 0; from < commands.size(); from += BATCH) {
                if (System.nanoTime() > deadline) {
                    throw new SeedFailure("command " + (from + 1), "the seed ran longer than 300 s");
                }
                List<List<String>> batch = commands.subList(from, Math.min(commands.size(), from + BATCH));
                Pipeline pipeline = jedis.pipelined();
                for (List<String> command : batch) {
                    pipeline.sendCommand(named(command.get(0)), command.subList(1, command.size()).toArray(String[]::new));
                }
                List<Object> replies = pipeline.syncAndReturnAll();
                for (int i = 0; i < replies.size(); i++) {
                    if (replies.get(i) instanceof JedisDataException refused) {
                        throw refusal(from + i, batch.get(i).get(0), refused.getMessage());
                    }
                }
            }
        } catch (JedisException e) {
            throw new SeedFailure("commands", "the server could not be reached or stopped answering ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static SeedFailure refusal(int index, String name, String message) {
        String reply = message == null ? "refused" : message;
        int quoted = reply.indexOf(", with args beginning with");
        // The log gets the position only: even a command's name is the user's text
        return new SeedFailure("command " + (index + 1), "command " + (index + 1) + " (" + name.toUpperCase(Locale.ROOT) + ")",
                quoted >= 0 ? reply.substring(0, quoted) : reply);
    }

    private static ProtocolCommand named(String name) {
        byte[] raw = SafeEncoder.encode(name);
        return () -> raw;
    }
}
