package io.mockfactory.provisioner.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a server binary really is. A recorded pid is matched against this real path before it is adopted or
 * signalled, because package managers install servers behind symlinks (Debian's redis-server is redis-check-rdb)
 * and a recycled pid must never be mistaken for an instance.
 */
final class Executables {
    private Executables() {
    }

    static Optional<Path> realPath(String nameOrPath) {
        try {
            if (nameOrPath.contains(File.separator)) {
                Path path = Path.of(nameOrPath);
                return Files.isExecutable(path) ? Optional.of(path.toRealPath()) : Optional.empty();
            }
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, nameOrPath);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toRealPath());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code process} runs the executable {@code nameOrPath} resolves to. */
    static boolean runs(ProcessHandle process, String nameOrPath) {
        Optional<Path> expected = realPath(nameOrPath);
        Optional<String> actual = process.info().command();
        return expected.isPresent() && actual.isPresent() && expected.get().toString().equals(actual.get());
    }

    /** The process's arguments as one string (empty when they cannot be read). */
    static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException unreadable) {
            return process.info().arguments().map(arguments -> String.join(" ", arguments)).orElse("");
        }
    }
}
