package io.mockfactory.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The boto3 scripts (test resources boto3/) against the data plane, with the keys of real environments. */
class S3Boto3IT {
    private static StorageHarness storage;
    private static StorageHarness.S3Keys owner;
    private static StorageHarness.S3Keys other;

    @BeforeAll
    static void start() throws Exception {
        storage = new StorageHarness();
        owner = storage.newEnvironment();
        other = storage.newEnvironment();
    }

    @AfterAll
    static void stop() {
        storage.close();
    }

    @Test
    void shouldVersionAndTagThroughBoto3() throws Exception {
        String output = Boto3Script.run("versioning.py", Map.of("ENDPOINT", storage.endpoint(),
                "KEY_ID", owner.accessKeyId(), "SECRET", owner.secretAccessKey()));
        assertTrue(output.contains("ok"), output);
    }

    @Test
    void shouldEvaluateAclsAndPoliciesThroughBoto3() throws Exception {
        String output = Boto3Script.run("access.py", Map.of("ENDPOINT", storage.endpoint(),
                "KEY_ID", owner.accessKeyId(), "SECRET", owner.secretAccessKey(),
                "OTHER_KEY_ID", other.accessKeyId(), "OTHER_SECRET", other.secretAccessKey()));
        assertTrue(output.contains("ok"), output);
    }
}
