package io.mockfactory.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigStoreTest {
    @TempDir
    Path home;

    @Test
    void shouldLiveInXdgConfigHomeElseInHomesDotConfig() {
        assertEquals(home.resolve("xdg/mockfactory/config"),
                ConfigStore.locate(Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString(), "HOME", "/elsewhere")).file());
        assertEquals(home.resolve(".config/mockfactory/config"), ConfigStore.locate(Map.of("HOME", home.toString())).file());
        assertEquals(home.resolve(".config/mockfactory/config"),
                ConfigStore.locate(Map.of("XDG_CONFIG_HOME", "relative/dir", "HOME", home.toString())).file(),
                "the XDG spec says to ignore a relative path");
    }

    @Test
    void shouldCreateTheFileOwnerOnlyAndReadItBack() throws Exception {
        ConfigStore store = ConfigStore.locate(Map.of("XDG_CONFIG_HOME", home.toString()));
        assertEquals(Optional.empty(), store.load());

        store.save(new StoredLogin("http://localhost:8080", "mf_secret"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())));
        assertEquals(Optional.of(new StoredLogin("http://localhost:8080", "mf_secret")), store.load());
        try (var files = Files.list(store.file().getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void shouldReplaceAnOlderFileThatOthersCouldRead() throws Exception {
        ConfigStore store = new ConfigStore(home.resolve("mockfactory/config"));
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "url=http://old\n");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        store.save(new StoredLogin("http://new:8080", "mf_new"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("http://new:8080", store.load().orElseThrow().url());
    }

    @Test
    void shouldDeleteTheFileOnce() {
        ConfigStore store = new ConfigStore(home.resolve("mockfactory/config"));
        store.save(new StoredLogin("http://localhost:8080", "mf_secret"));

        assertTrue(store.delete());
        assertFalse(store.delete());
        assertEquals(Optional.empty(), store.load());
    }

    @Test
    void shouldNeverShowTheKeyInToString() {
        assertFalse(new StoredLogin("http://localhost:8080", "mf_secret").toString().contains("mf_secret"));
    }
}
