package io.mockfactory.kit.process;

import io.micronaut.context.env.PropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Deployment secrets arrive as files ({@code /run/secrets/<name>}), never as environment variables. A file whose
 * name is a configuration key (it contains a dot, e.g. {@code datasources.default.password}) sets that key; other
 * files are read by the feature that needs them (e.g. a signing key).
 */
final class SecretFiles {
    /** Above environment variables: a mounted secret is the deployment's final word. */
    private static final int PRIORITY = 10_000;

    private SecretFiles() {
    }

    static PropertySource from(Path directory) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(Files::isRegularFile)
                        .filter(file -> file.getFileName().toString().contains("."))
                        .forEach(file -> values.put(file.getFileName().toString(), read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list secrets in " + directory, e);
            }
        }
        return PropertySource.of("secret-files", values, PRIORITY);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read secret " + file.getFileName(), e);
        }
    }
}
