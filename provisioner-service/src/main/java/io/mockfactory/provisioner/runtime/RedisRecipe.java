package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/** redis-server with its password in a 0600 config file (never on a command line {@code ps} shows) and AOF on. */
@Singleton
class RedisRecipe implements LocalRecipe {
    private final String redisServer;

    RedisRecipe(@Value("${mockfactory.provisioner.local.redis-server:redis-server}") String redisServer) {
        this.redisServer = redisServer;
    }

    @Override
    public String service() {
        return "redis";
    }

    @Override
    public String executable() {
        return redisServer;
    }

    @Override
    public Process launch(InstanceSpec spec, Path dir) throws Exception {
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
        return new ProcessBuilder(redisServer, config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
    }

    @Override
    public boolean awaitReady(InstanceSpec spec, Path dir, Process process, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (RedisProtocol.answersPing(spec.port(), spec.password())) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public Activity activity(InstanceSpec spec) throws Exception {
        return RedisProtocol.activity("127.0.0.1", spec.port(), spec.password());
    }

    @Override
    public void requestStop(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
}
