package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Value;
import io.mockfactory.events.catalog.Availability;
import jakarta.inject.Singleton;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * redis-server with its password in a 0600 config file (never on a command line {@code ps} shows) and AOF on. Redis 7
 * is the machine's own redis-server (Debian's 7.0); 6.2 comes with the build (instance-runtimes).
 */
@Singleton
class RedisRecipe implements LocalRecipe {
    static final String SERVICE = "redis";
    private static final String MACHINE_LINE = "7";
    private static final String BUNDLED_LINE = "6.2";
    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)");
    static final String DUMP = "dump.rdb";
    private static final List<String> APPEND_ONLY = List.of("appendonlydir", "appendonly.aof");
    /**
     * A restored instance starts once from the snapshot's RDB file with AOF off (with AOF on, Redis ignores an RDB
     * file), then turns AOF on, which rewrites the data set into the AOF; until that is done this file says so.
     */
    private static final String RESTORED_MARKER = ".mockfactory-restored-from-rdb";
    /** A SAVE of a large data set, or the AOF rewrite after a restore, may take a while. */
    private static final int SAVE_TIMEOUT_MILLIS = 300_000;

    private final String redisServer;
    private final BundledRuntimes bundled;

    RedisRecipe(@Value("${mockfactory.provisioner.local.redis-server:redis-server}") String redisServer,
                BundledRuntimes bundled) {
        this.redisServer = redisServer;
        this.bundled = bundled;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public List<Availability> availability() {
        List<Availability> versions = new ArrayList<>();
        // Asked by its own name: Debian's redis-server is a link to redis-check-rdb, which acts by the name it runs as
        Optional<String> installed = Executables.realPath(redisServer).flatMap(found -> lineOf(redisServer));
        if (installed.isPresent() && installed.get().startsWith(MACHINE_LINE + ".")) {
            versions.add(Availability.served(SERVICE, MACHINE_LINE, "local"));
        } else {
            versions.add(Availability.missing(SERVICE, MACHINE_LINE, installed.map(line -> "the machine's redis-server is "
                    + line + ", not " + MACHINE_LINE).orElse("redis-server is not installed"),
                    "./mockfactory up installs it unless --no-install (or run deploy/install-runtimes.sh, or apt-get install"
                            + " redis-server), or start with --runtime docker"));
        }
        versions.add(bundled.hasRedis(BUNDLED_LINE) ? Availability.served(SERVICE, BUNDLED_LINE, "local")
                : Availability.missing(SERVICE, BUNDLED_LINE, "Redis " + BUNDLED_LINE + " did not come with this build"
                        + " (it is bundled for linux amd64)", "build it: ./mockfactory build"));
        return versions;
    }

    @Override
    public List<String> executables() {
        return List.of(redisServer, bundled.redisServerLocation(BUNDLED_LINE).toString());
    }

    @Override
    public Process launch(InstanceSpec spec, Path dir) throws Exception {
        writeConfig(spec, dir);
        String server = BUNDLED_LINE.equals(spec.version()) ? bundled.redisServer(BUNDLED_LINE).toString() : redisServer;
        return new ProcessBuilder(server, dir.resolve("redis.conf").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
    }

    @Override
    public boolean changesPasswordWhileRunning() {
        return true;
    }

    /** The config file follows, so that it never holds a password the server no longer takes. */
    @Override
    public void changePassword(InstanceSpec spec, Path dir, String oldPassword) throws Exception {
        RedisProtocol.changePassword(spec.port(), oldPassword, spec.password());
        writeConfig(spec, dir);
    }

    private static void writeConfig(InstanceSpec spec, Path dir) throws IOException {
        Path config = dir.resolve("redis.conf");
        Files.writeString(config, String.join("\n",
                "port " + spec.port(),
                "bind 127.0.0.1",
                "protected-mode yes",
                "requirepass " + spec.password(),
                "dir " + dir,
                "appendonly " + (Files.exists(dir.resolve(RESTORED_MARKER)) ? "no" : "yes"),
                "save \"\"",
                "daemonize no",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    }

    @Override
    public boolean awaitReady(InstanceSpec spec, Path dir, Process process, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (RedisProtocol.answersPing(spec.port(), spec.password())) {
                if (Files.exists(dir.resolve(RESTORED_MARKER))) {
                    turnAppendOnlyOn(spec, dir, deadline);
                }
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public boolean snapshots() {
        return true;
    }

    /** SAVE writes a point-in-time RDB file (to a temporary file, renamed when complete), which is then copied. */
    @Override
    public void snapshot(InstanceSpec spec, Path dir, Path into) throws Exception {
        try (Jedis redis = session(spec)) {
            redis.save();
        }
        Files.createDirectories(into);
        DataCopies.copy(dir.resolve(DUMP), into.resolve(DUMP));
        // The instance keeps its data in its AOF; the RDB file was only the snapshot's
        Files.deleteIfExists(dir.resolve(DUMP));
    }

    /** The append-only files, which hold a cleanly stopped server's data set (Redis 7's directory, 6.2's one file). */
    @Override
    public void snapshotStopped(InstanceSpec spec, Path dir, Path into) throws Exception {
        Files.createDirectories(into);
        for (String name : APPEND_ONLY) {
            if (Files.exists(dir.resolve(name))) {
                DataCopies.copy(dir.resolve(name), into.resolve(name));
            }
        }
    }

    /** A running server's snapshot is an RDB file; a stopped one's, its append-only files, which it starts from as they are. */
    @Override
    public void restore(InstanceSpec spec, Path from, Path dir) throws Exception {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (Files.exists(from.resolve(DUMP))) {
            DataCopies.copy(from.resolve(DUMP), dir.resolve(DUMP));
            Files.writeString(dir.resolve(RESTORED_MARKER), "");
        } else {
            DataCopies.copyContents(from, dir);
            // cp -a gave the directory the snapshot's mode
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Turns AOF on in a server started from a snapshot's RDB file and waits for the rewrite that writes the data set
     * into the AOF; only then does the config say AOF, so a restart before that is a restore again, never an empty
     * server.
     */
    private static void turnAppendOnlyOn(InstanceSpec spec, Path dir, Instant deadline) throws Exception {
        try (Jedis redis = session(spec)) {
            redis.configSet("appendonly", "yes");
            while (true) {
                String persistence = redis.info("persistence");
                if (persistence.contains("aof_rewrite_in_progress:0") && persistence.contains("aof_rewrite_scheduled:0")) {
                    if (!persistence.contains("aof_last_bgrewrite_status:ok")) {
                        throw new IllegalStateException("Redis could not write the restored data to its AOF");
                    }
                    break;
                }
                if (Instant.now().isAfter(deadline.plusMillis(SAVE_TIMEOUT_MILLIS))) {
                    throw new IllegalStateException("Redis did not finish writing the restored data to its AOF");
                }
                Thread.sleep(20);
            }
        }
        Files.delete(dir.resolve(RESTORED_MARKER));
        writeConfig(spec, dir);
        Files.deleteIfExists(dir.resolve(DUMP));
    }

    private static Jedis session(InstanceSpec spec) {
        return new Jedis("127.0.0.1", spec.port(), DefaultJedisClientConfig.builder().password(spec.password())
                .connectionTimeoutMillis(2000).socketTimeoutMillis(SAVE_TIMEOUT_MILLIS).build());
    }

    @Override
    public Activity activity(InstanceSpec spec) throws Exception {
        return RedisProtocol.activity("127.0.0.1", spec.port(), spec.password());
    }

    @Override
    public void requestStop(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    /** "7.0" from {@code redis-server --version}'s {@code v=7.0.15}. */
    private static Optional<String> lineOf(String server) {
        try {
            Process version = new ProcessBuilder(server, "--version").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            version.waitFor(5, TimeUnit.SECONDS);
            Matcher matcher = VERSION.matcher(output);
            return matcher.find() ? Optional.of(matcher.group(1) + "." + matcher.group(2)) : Optional.empty();
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }
}
