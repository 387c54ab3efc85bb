package io.mockfactory.storage.s3.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3's bucket naming rules (SDKs check some of them client-side, so the server's own check is tested here). */
class BucketNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket.logs", "a1b2c3", "123", "1.2.3", "1.2.3.4.5", "a-b--c", "xn-a", "x-xn--a",
            "sthree", "my-sthree-bucket", "amzn-s3-demo", "amzn-s3-bucket", "a-s3alias-b", "s3alias", "ol-s3", "a-ol-s3",
            "mrap", "a.mrapx", "a-x-s3", "a--x-s3b", "a-table-s3", "a.b.c"})
    void shouldAcceptWhatS3Accepts(String name) {
        assertTrue(BucketNames.valid(name), name);
        assertTrue(BucketNames.valid("x".repeat(63)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a", "Upper", "under_score", "-start", "end-", ".start", "end.", "two..dots", "dot.-dash",
            "dash-.dot", "192.168.5.4", "0.0.0.0", "", " ", "sp ace", "tab\tbucket", "nul\u0000bucket", "caf\u00e9", "b\u0131n",
            "slash/bucket", "colon:bucket", "plus+bucket", "star*bucket",
            // reserved prefixes
            "xn--bucket", "xn--", "xn--p1ai", "sthree-bucket", "sthree-configurator", "amzn-s3-demo-bucket",
            // reserved suffixes
            "bucket-s3alias", "my-ap-1234567890abcdef-s3alias", "bucket--ol-s3", "bucket.mrap", "bucket--x-s3",
            "bucket--use1-az4--x-s3", "bucket--table-s3"})
    void shouldRefuseWhatS3Refuses(String name) {
        assertFalse(BucketNames.valid(name), name);
    }

    @Test
    void shouldRefuseNamesOfTheWrongLength() {
        assertFalse(BucketNames.valid("x".repeat(64)));
        assertFalse(BucketNames.valid("ab"));
        assertFalse(BucketNames.valid(null));
    }
}
