package io.mockfactory.storage;

import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.Map;

/**
 * What the hostile-request tests share: the service with a short body read timeout (so stalls end quickly), an
 * environment's keys, an SDK client and a bucket of their own.
 */
abstract class HostileStorageIT {
    static StorageHarness storage;
    static StorageHarness.S3Keys keys;
    static S3Client s3;
    static String bucket;

    static void startStorage(Duration bodyReadTimeout, String bucketPrefix) throws Exception {
        storage = new StorageHarness(Map.of("mockfactory.s3.body-read-timeout", bodyReadTimeout.toMillis() + "ms"));
        keys = storage.newEnvironment();
        s3 = storage.client(keys).overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(20))).build();
        bucket = bucketPrefix + "-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stopStorage() {
        if (s3 != null) {
            s3.close();
        }
        if (storage != null) {
            storage.close();
        }
    }
}
