package io.mockfactory.kit.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequiredSecretsTest {

    @Test
    void shouldRequireNothingWhenTheVariableIsUnset(@TempDir Path secrets) {
        assertEquals(Optional.empty(), RequiredSecrets.problem(null, secrets));
        assertEquals(Optional.empty(), RequiredSecrets.problem(" ", secrets));
    }

    @Test
    void shouldAcceptPresentNonEmptyFiles(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("datasources.default.password"), "s3cret\n");
        Files.writeString(secrets.resolve("jwt_signing_key"), "-----BEGIN PRIVATE KEY-----");

        assertEquals(Optional.empty(), RequiredSecrets.problem("datasources.default.password, jwt_signing_key,", secrets));
    }

    @Test
    void shouldNameTheMissingFileAndWhatWritesIt(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("datasources.default.password"), "hunter2");

        String problem = RequiredSecrets.problem("datasources.default.password,jwt_signing_key", secrets).orElseThrow();

        assertEquals("secret file " + secrets.resolve("jwt_signing_key")
                + " is missing or empty (deploy/generate-secrets.sh writes it)", problem);
        assertFalse(problem.contains("hunter2"));
    }

    @Test
    void shouldTreatEmptyBlankAndNonRegularFilesAsMissing(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("empty"), "");
        Files.writeString(secrets.resolve("blank"), " \n\t\n");
        Files.createDirectory(secrets.resolve("directory"));

        String problem = RequiredSecrets.problem("empty,blank,directory,absent", secrets).orElseThrow();

        assertTrue(problem.startsWith("secret files " + secrets.resolve("empty") + ", " + secrets.resolve("blank") + ", "
                + secrets.resolve("directory") + ", " + secrets.resolve("absent") + " are missing or empty"), problem);
        assertFalse(problem.contains("\n"));
    }

    @Test
    void shouldRefuseNamesThatAreNotFileNames(@TempDir Path secrets) {
        assertTrue(RequiredSecrets.problem("../etc/passwd", secrets).orElseThrow().contains("not a file name"));
        assertTrue(RequiredSecrets.problem("..", secrets).orElseThrow().contains("not a file name"));
    }
}
