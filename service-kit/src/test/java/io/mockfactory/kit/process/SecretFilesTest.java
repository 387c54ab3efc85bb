package io.mockfactory.kit.process;

import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class SecretFilesTest {

    @Test
    void shouldMapFilesNamedLikeKeysAndLeaveOthersToTheirFeature(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("datasources.default.password"), "s3cret\n");
        Files.writeString(secrets.resolve("jwt_signing_key"), "-----BEGIN PRIVATE KEY-----");

        PropertySource source = SecretFiles.from(secrets);

        assertEquals("s3cret", source.get("datasources.default.password"));
        assertNull(source.get("jwt_signing_key"));
    }

    @Test
    void shouldBeEmptyWhenNoSecretsAreMounted(@TempDir Path parent) {
        assertFalse(SecretFiles.from(parent.resolve("absent")).iterator().hasNext());
    }
}
