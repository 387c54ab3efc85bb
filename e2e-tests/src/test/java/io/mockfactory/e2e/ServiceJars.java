package io.mockfactory.e2e;

import java.nio.file.Path;

/** Where the reactor left each service's runnable jar. */
final class ServiceJars {
    private ServiceJars() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("mockfactory.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path of(String module) {
        return repoRoot().resolve(module).resolve("target").resolve(module + ".jar");
    }
}
