package io.mockfactory.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps one service running as compose's {@code restart:} would: a crash is logged and the service started again after
 * a backoff (1, 2, 4… s, at most 30 s). Five crashes within two minutes mean it will not come up by itself: the
 * supervisor then gives up, and the launcher stops the stack showing the last log lines.
 */
final class ServiceSupervisor {
    static final int CRASHES_ALLOWED = 5;
    static final Duration CRASH_WINDOW = Duration.ofMinutes(2);

    private final String module;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logFile;
    private final Leftovers leftovers;
    private final Consumer<String> say;
    private final Clock clock;
    private final Deque<Instant> crashes = new ArrayDeque<>();
    private volatile ServiceProcess current;
    private Instant restartAt;

    ServiceSupervisor(String module, Path jar, int port, Map<String, String> environment, List<String> jvmOptions,
                      Path logFile, Leftovers leftovers, Consumer<String> say, Clock clock) {
        this.module = module;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.jvmOptions = jvmOptions;
        this.logFile = logFile;
        this.leftovers = leftovers;
        this.say = say;
        this.clock = clock;
    }

    void start() throws IOException {
        current = ServiceProcess.start(module, jar, port, environment, jvmOptions, logFile);
        leftovers.record(module, current.pid(), jar.toString());
    }

    ServiceProcess process() {
        return current;
    }

    /**
     * Called about once a second: notices a crash, schedules and performs the restart.
     * @return false once the service has crashed too often to be restarted
     */
    boolean check() throws IOException {
        if (restartAt != null) {
            if (!clock.instant().isBefore(restartAt)) {
                restartAt = null;
                start();
                say.accept(module + " restarted (pid " + current.pid() + ")");
            }
            return true;
        }
        if (current.isAlive()) {
            return true;
        }
        Instant now = clock.instant();
        crashes.addLast(now);
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(CRASH_WINDOW))) {
            crashes.removeFirst();
        }
        if (crashes.size() >= CRASHES_ALLOWED) {
            return false;
        }
        Duration backoff = Duration.ofSeconds(Math.min(30, 1L << (crashes.size() - 1)));
        say.accept(module + " exited unexpectedly (code " + current.exitCode() + "); restarting it in "
                + backoff.toSeconds() + " s (crash " + crashes.size() + " of " + CRASHES_ALLOWED + " allowed in "
                + CRASH_WINDOW.toMinutes() + " min; log " + logFile + ")");
        restartAt = now.plus(backoff);
        return true;
    }

    void stop(Duration grace) {
        restartAt = null;
        ServiceProcess process = current;
        if (process != null) {
            process.stop(grace);
        }
        try {
            leftovers.forget(module);
        } catch (IOException e) {
            // the next run finds the process gone
        }
    }
}
