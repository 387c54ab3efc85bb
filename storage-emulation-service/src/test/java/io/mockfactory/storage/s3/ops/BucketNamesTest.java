package io.mockfactory.storage.s3.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3's bucket naming rules (SDKs check some of them client-side, so the server's own check is tested here). */
class BucketNamesTest {
    @Test
    void shouldAcceptWhatS3Accepts() {
        for (String name : new String[]{"abc", "my-bucket.logs", "a1b2c3", "x".repeat(63)}) {
            assertTrue(BucketOperations.validName(name), name);
        }
    }

    @Test
    void shouldRefuseWhatS3Refuses() {
        for (String name : new String[]{"ab", "x".repeat(64), "Upper", "under_score", "-start", "end-", "two..dots",
                "dot.-dash", "192.168.5.4", "", "sp ace"}) {
            assertFalse(BucketOperations.validName(name), name);
        }
    }
}
