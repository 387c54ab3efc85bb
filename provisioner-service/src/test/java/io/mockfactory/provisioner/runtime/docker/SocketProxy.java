package io.mockfactory.provisioner.runtime.docker;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The compose deployment's Docker socket proxy (deploy/stack/socket-proxy/haproxy.cfg, as shipped) run by a real
 * haproxy in front of the tests' engine, so that every call the driver makes in a deployment is also made through the
 * allow-list here: a call the proxy refuses fails the test, as it would fail an environment in compose. Only where it
 * listens and which socket it forwards to are changed; instances join the engine's default network, {@value #NETWORK}.
 */
final class SocketProxy implements AutoCloseable {
    static final String NETWORK = "bridge";
    private static final Path CONFIG = Path.of("..", "deploy", "stack", "socket-proxy", "haproxy.cfg");

    private final Process haproxy;
    private final int port;
    private final Path dir;

    private SocketProxy(Process haproxy, int port, Path dir) {
        this.haproxy = haproxy;
        this.port = port;
        this.dir = dir;
    }

    /** A proxy to the engine at {@code dockerHost} (unix://…), or the test is skipped, saying so, without haproxy. */
    static SocketProxy start(String dockerHost) throws Exception {
        assumeTrue(dockerHost.startsWith("unix://"), "the socket proxy forwards to a unix socket, not " + dockerHost);
        assumeTrue(onPath("haproxy"), "haproxy is not installed (.ci/run installs it): cannot test through the socket proxy");
        int port = DockerInstances.freePort();
        String shipped = Files.readString(CONFIG);
        String config = replaceOnce(replaceOnce(shipped, "bind :2375", "bind 127.0.0.1:" + port),
                "server engine /var/run/docker.sock", "server engine " + dockerHost.substring("unix://".length()));
        Path dir = Files.createTempDirectory("mf-socket-proxy");
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        ProcessBuilder builder = new ProcessBuilder("haproxy", "-W", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile());
        builder.environment().put("MOCKFACTORY_ALLOWED_CLIENTS", "127.0.0.1");
        builder.environment().put("MOCKFACTORY_INSTANCES_NETWORK", NETWORK);
        SocketProxy proxy = new SocketProxy(builder.start(), port, dir);
        proxy.awaitListening();
        return proxy;
    }

    /** The DOCKER_HOST of the proxy. */
    String host() {
        return "tcp://127.0.0.1:" + port;
    }

    /** What haproxy logged, each call with its status (for a failure's message). */
    String log() throws IOException {
        return Files.readString(dir.resolve("haproxy.log"));
    }

    private void awaitListening() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!haproxy.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + haproxy.exitValue() + ": " + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("haproxy did not listen on " + port + " within 20 s: " + log());
    }

    private static String replaceOnce(String config, String line, String with) {
        if (!config.contains(line)) {
            throw new IllegalStateException(CONFIG + " no longer has the line " + line + ": update this test");
        }
        return config.replace(line, with);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command));
    }

    @Override
    public void close() throws Exception {
        haproxy.destroy();
        haproxy.waitFor();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
