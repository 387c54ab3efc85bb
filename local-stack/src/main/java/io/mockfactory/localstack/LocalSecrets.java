package io.mockfactory.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's secrets, as files like a deployment's {@code /run/secrets}: the token services present to each
 * other is made on first start and kept with the rest of the state.
 */
final class LocalSecrets {
    static final String INTERNAL_TOKEN = "mockfactory.internal.token";

    private LocalSecrets() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path token = dir.resolve(INTERNAL_TOKEN);
        if (!Files.exists(token)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.writeString(token, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        }
        return dir;
    }
}
