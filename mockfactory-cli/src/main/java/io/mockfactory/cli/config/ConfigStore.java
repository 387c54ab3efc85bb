package io.mockfactory.cli.config;

import io.mockfactory.cli.CliException;
import io.mockfactory.cli.ExitCodes;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The login's config file, {@code $XDG_CONFIG_HOME/mockfactory/config} (by default
 * {@code ~/.config/mockfactory/config}): a properties file with {@code url} and {@code api_key}, readable by its owner
 * only.
 */
public final class ConfigStore {
    static final String URL = "url";
    static final String API_KEY = "api_key";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    /** Where the XDG base directory spec puts it, from the given environment (HOME, XDG_CONFIG_HOME). */
    public static ConfigStore locate(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        // The spec says to ignore a relative XDG_CONFIG_HOME
        Path home = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new ConfigStore(home.resolve("mockfactory").resolve("config"));
    }

    public Path file() {
        return file;
    }

    /** @return the stored login; empty when there is none (never logged in, or logged out) */
    public Optional<StoredLogin> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException unreadable) {
            throw new CliException(ExitCodes.FAILURE, "Cannot read " + file + ": " + unreadable.getMessage(), unreadable);
        }
        String url = properties.getProperty(URL);
        return url == null || url.isBlank() ? Optional.empty()
                : Optional.of(new StoredLogin(url.strip(), properties.getProperty(API_KEY)));
    }

    /**
     * Writes a new file created owner-only, then moves it over the old one: the key is never readable by others, not
     * even for the moment a chmod after writing would leave open, and an older file with looser permissions is
     * replaced rather than rewritten in place.
     */
    public void save(StoredLogin login) {
        Properties properties = new Properties();
        properties.setProperty(URL, login.url());
        properties.setProperty(API_KEY, login.apiKey());
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            boolean posix = posix(directory);
            Files.createDirectories(directory, posix ? new FileAttribute<?>[] {OWNER_ONLY_DIRECTORY} : new FileAttribute<?>[0]);
            temporary = Files.createTempFile(directory, ".config-", ".tmp",
                    posix ? new FileAttribute<?>[] {OWNER_ONLY_FILE} : new FileAttribute<?>[0]);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "mockfactory login: the URL and its API key (keep this file to yourself)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException unwritable) {
            deleteQuietly(temporary);
            throw new CliException(ExitCodes.FAILURE, "Cannot write " + file + ": " + unwritable.getMessage(), unwritable);
        }
    }

    /** @return whether there was a file to delete */
    public boolean delete() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException undeletable) {
            throw new CliException(ExitCodes.FAILURE, "Cannot delete " + file + ": " + undeletable.getMessage(), undeletable);
        }
    }

    /** Windows has no POSIX permissions; there the user's profile directory is what keeps the file private. */
    private static boolean posix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write's own failure is the one to report
            }
        }
    }
}
