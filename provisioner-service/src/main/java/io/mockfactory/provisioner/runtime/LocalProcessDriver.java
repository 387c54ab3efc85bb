package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Native processes on this machine, one data directory per instance. Redis today: its password lives in a config
 * file only this user can read, never on a command line that {@code ps} would show. Every process this service
 * started is stopped when it shuts down; the instances' recorded state brings them back on the next start.
 */
@Singleton
public class LocalProcessDriver implements RuntimeDriver {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessDriver.class);
    private static final Set<String> SUPPORTED = Set.of("redis");

    private final Path root;
    private final String redisServer;
    private final Duration readinessTimeout;
    private final Map<Long, Process> started = new ConcurrentHashMap<>();

    public LocalProcessDriver(@Value("${mockfactory.provisioner.local.data-dir:`${java.io.tmpdir}/mockfactory-instances`}") String dataDir,
                              @Value("${mockfactory.provisioner.local.redis-server:redis-server}") String redisServer,
                              @Value("${mockfactory.provisioner.readiness-timeout:20s}") Duration readinessTimeout) {
        this.root = Path.of(dataDir);
        this.redisServer = redisServer;
        this.readinessTimeout = readinessTimeout;
    }

    @Override
    public boolean supports(String service) {
        return SUPPORTED.contains(service);
    }

    @Override
    public long start(InstanceSpec spec) throws Exception {
        Path dir = dataDir(spec.environmentId(), spec.service());
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path config = dir.resolve("redis.conf");
        Files.writeString(config, String.join("\n",
                "port " + spec.port(),
                "bind 127.0.0.1",
                "protected-mode yes",
                "requirepass " + spec.password(),
                "dir " + dir,
                "appendonly yes",
                "save \"\"",
                "daemonize no",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Process process = new ProcessBuilder(redisServer, config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        started.put(process.pid(), process);
        Instant deadline = Instant.now().plus(readinessTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with code " + process.exitValue() + " (see " + dir.resolve("redis.log") + ")");
            }
            if (RedisProtocol.answersPing(spec.port(), spec.password())) {
                return process.pid();
            }
            Thread.sleep(20);
        }
        terminate(process.pid());
        throw new IllegalStateException("redis did not answer PING within " + readinessTimeout.toSeconds() + " s");
    }

    @Override
    public void stop(String environmentId, String service, long pid) {
        terminate(pid);
    }

    @Override
    public void destroy(String environmentId, String service, long pid) throws IOException {
        terminate(pid);
        Path dir = dataDir(environmentId, service);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Override
    public boolean isAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private void terminate(long pid) {
        Optional<ProcessHandle> handle = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        handle.ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        Process child = started.remove(pid);
        if (child != null) {
            try {
                child.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Path dataDir(String environmentId, String service) {
        if (!environmentId.matches("env_[A-Za-z0-9_-]+") || !service.matches("[a-z_0-9]+")) {
            throw new IllegalArgumentException("Unexpected instance name " + environmentId + "/" + service);
        }
        return root.resolve(environmentId).resolve(service);
    }

    /** No process outlives this service: the launcher's Ctrl-C must leave nothing behind. */
    @PreDestroy
    void stopAll() {
        for (Long pid : Set.copyOf(started.keySet())) {
            LOG.info("Stopping instance process {} with the provisioner; it resumes on the next start", pid);
            terminate(pid);
        }
    }
}
