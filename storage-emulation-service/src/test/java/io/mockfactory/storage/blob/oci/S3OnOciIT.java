package io.mockfactory.storage.blob.oci;

import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.storage.StorageHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The whole service on the oci blob store: S3 clients cannot tell, and each environment is its own OCI bucket. */
class S3OnOciIT {
    private static OciObjectStorageStandIn standIn;
    private static StorageHarness storage;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        standIn = new OciObjectStorageStandIn(keys.getPublic());
        Path dir = Files.createTempDirectory("oci");
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("config"), "[DEFAULT]\nuser=ocid1.user.oc1..u\nfingerprint=11:22:33\n"
                + "tenancy=ocid1.tenancy.oc1..t\nregion=eu-frankfurt-1\nkey_file=" + dir.resolve("key.pem") + "\n");
        storage = new StorageHarness(Map.of("mockfactory.blob-store.type", "oci",
                "mockfactory.blob-store.oci.config-file", dir.resolve("config").toString(),
                "mockfactory.blob-store.oci.endpoint", standIn.endpoint()));
    }

    @AfterAll
    static void stop() {
        storage.close();
        standIn.close();
    }

    @Test
    void shouldStoreObjectsOfAnEnvironmentInItsOwnOciBucket() throws Exception {
        StorageHarness.S3Keys keys = storage.newEnvironment();
        String bucket = "mockfactory-" + keys.environmentId() + "-aws_s3";
        assertNotNull(standIn.bucket(bucket), "the environment's OCI bucket is made with its aws_s3 service");
        byte[] large = new byte[12 * 1024 * 1024];
        new Random(7).nextBytes(large);
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(storage.endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))).build()) {
            s3.createBucket(b -> b.bucket("docs"));
            s3.putObject(p -> p.bucket("docs").key("big.bin"), RequestBody.fromBytes(large));
            assertArrayEquals(large, s3.getObjectAsBytes(g -> g.bucket("docs").key("big.bin")).asByteArray());
            assertArrayEquals(Arrays.copyOfRange(large, 100, 200),
                    s3.getObjectAsBytes(g -> g.bucket("docs").key("big.bin").range("bytes=100-199")).asByteArray());
            assertEquals(1, standIn.bucket(bucket).size());
            s3.putObject(p -> p.bucket("docs").key("small.txt"), RequestBody.fromString("one OCI PutObject"));
        }
        // Every OCI call counted under its OCI operation: the bucket, the large object in parts, the small one whole
        String scrape = storage.awaitMetricLines(List.of("oci_operations_total{operation=\"GetNamespace\",status=\"ok\"} 1.0",
                "oci_operations_total{operation=\"CreateBucket\",status=\"ok\"} 1.0",
                "oci_operations_total{operation=\"CreateMultipartUpload\",status=\"ok\"} 1.0",
                "oci_operations_total{operation=\"UploadPart\",status=\"ok\"} 2.0",
                "oci_operations_total{operation=\"CommitMultipartUpload\",status=\"ok\"} 1.0",
                "oci_operations_total{operation=\"PutObject\",status=\"ok\"} 1.0",
                "oci_operation_duration_seconds_count{operation=\"PutObject\"} 1"));
        assertFalse(scrape.contains(keys.environmentId()), "no bucket or environment in any label");
        storage.send(keys.environmentId(), keys.userId(), new DestroyEnvironment("test"));
        long deadline = System.currentTimeMillis() + 15_000;
        while (standIn.bucket(bucket) != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertNull(standIn.bucket(bucket), "destroying the environment deletes its objects and its OCI bucket");
        storage.awaitMetricLines(List.of("oci_operations_total{operation=\"DeleteBucket\",status=\"ok\"} 1.0"));
    }
}
