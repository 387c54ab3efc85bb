package io.mockfactory.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * For ITs of one S3 feature: a storage service of their own (each class starts and closes it; failsafe runs classes
 * one after another), one environment with an aws_s3 service, and the AWS SDK v2 client of its keys.
 */
abstract class OneEnvironmentS3 {
    static StorageHarness storage;
    static StorageHarness.S3Keys keys;
    static S3Client s3;

    @BeforeAll
    static void startStorage() throws Exception {
        storage = new StorageHarness();
        keys = storage.newEnvironment();
        s3 = storage.client(keys).build();
    }

    @AfterAll
    static void stopStorage() {
        s3.close();
        storage.close();
    }
}
