package io.mockfactory.storage.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium ({@code chromium-headless-shell}, which CI installs: see {@code .ci/run}) opening one
 * page, in a profile of its own, until it is closed. A real browser, so what it lets a page do is what browsers
 * enforce (CORS above all), not what a test client happens to check.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium-headless-shell", "/usr/bin/chromium");

    private final Process process;
    private final Path profile;
    private final Path log;

    private HeadlessChromium(Process process, Path profile, Path log) {
        this.process = process;
        this.profile = profile;
        this.log = log;
    }

    /**
     * The browser binary: {@code $CHROMIUM_BIN}, else Debian's. Absent, the test fails saying how to install it
     * (skipping would let CI pass without the browser ever running).
     */
    public static Path binary() {
        String configured = System.getenv("CHROMIUM_BIN");
        Stream<String> candidates = configured == null || configured.isBlank() ? CANDIDATES.stream()
                : Stream.concat(Stream.of(configured), CANDIDATES.stream());
        return candidates.map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                "No headless Chromium: install it (apt-get install -y --no-install-recommends chromium-headless-shell, as .ci/run"
                        + " does) or point CHROMIUM_BIN at one. Looked for " + CANDIDATES));
    }

    /** Opens {@code url}; {@code ports} are ports the page talks to (allowed even where Chromium deems a port unsafe). */
    public static HeadlessChromium open(String url, int... ports) throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        StringBuilder allowed = new StringBuilder();
        for (int port : ports) {
            allowed.append(allowed.isEmpty() ? "" : ",").append(port);
        }
        Process process = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
                "--explicitly-allowed-ports=" + allowed, url)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new HeadlessChromium(process, profile, log);
    }

    /** The end of what the browser logged, for a failure message (its console errors are there, CORS refusals among them). */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no browser log: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends this browser and the processes it started (renderer, zygote), by their ids, then removes its profile. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (ProcessHandle child : Stream.concat(Stream.of(process.toHandle()), children.stream()).toList()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !waitFor(child, left)) {
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeQuietly(profile);
        removeQuietly(log);
    }

    private static boolean waitFor(ProcessHandle handle, long nanos) throws InterruptedException {
        try {
            handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !handle.isAlive();
        }
    }

    /** A temporary directory: a file a straggling process still writes may stay behind, which is no test's concern. */
    private static void removeQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // left for the temporary directory's own cleaning
        }
    }
}
