package io.mockfactory.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes a launcher started, by pid, in {@code <home>/run/}: after a run that died without stopping them
 * (SIGKILL, OOM, a closed terminal), the next run stops the ones still alive before it checks its ports. A pid is
 * signalled only if the process's command line still names what was started (a recycled pid is someone else's).
 */
final class Leftovers {
    private final Path dir;

    Leftovers(Path home) {
        this.dir = home.resolve("run");
    }

    void record(String name, long pid, String commandFragment) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".pid"), pid + "\n" + commandFragment + "\n", StandardCharsets.UTF_8);
    }

    void forget(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name + ".pid"));
    }

    /** @return a line per process stopped */
    List<String> stopAll() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> stopped = new java.util.ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() >= 2) {
                    String name = file.getFileName().toString().replace(".pid", "");
                    stopIfStill(Long.parseLong(lines.get(0).strip()), lines.get(1).strip())
                            .ifPresent(pid -> stopped.add(name + " (pid " + pid + ")"));
                }
                Files.delete(file);
            }
        } catch (NumberFormatException e) {
            // a torn pid file names nothing to stop
        }
        return stopped;
    }

    private static java.util.Optional<Long> stopIfStill(long pid, String commandFragment) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> commandLine(pid).contains(commandFragment))
                .map(process -> {
                    process.destroy();
                    try {
                        process.onExit().get(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        process.destroyForcibly();
                    }
                    return pid;
                });
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
