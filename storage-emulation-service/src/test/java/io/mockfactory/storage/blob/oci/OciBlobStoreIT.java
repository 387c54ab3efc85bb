package io.mockfactory.storage.blob.oci;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mockfactory.storage.blob.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OCI adapter with the real OCI Java SDK against a local stand-in that checks each request's OCI signature. */
class OciBlobStoreIT {
    private static final String TENANCY = "ocid1.tenancy.oc1..standintenancy";
    private OciObjectStorageStandIn standIn;
    private Path configDir;
    private PrometheusMeterRegistry registry;

    @BeforeEach
    void start() throws Exception {
        KeyPair keys = rsaKeys();
        standIn = new OciObjectStorageStandIn(keys.getPublic());
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        configDir = Files.createTempDirectory("oci-config");
        writeConfig(configDir, keys);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private OciBlobStore store() throws IOException {
        return OciBlobStores.create(configDir.resolve("config").toString(), "DEFAULT", standIn.endpoint(), "",
                "", "mockfactory-", registry);
    }

    @Test
    void shouldKeepEachEnvironmentInItsOwnBucketAndServeRanges() throws Exception {
        OciBlobStore store = store();
        store.createNamespace("env_abc");
        store.createNamespace("env_abc");
        assertEquals(TENANCY, standIn.compartmentOf("mockfactory-env_abc-aws_s3"), "the tenancy's root compartment by default");

        byte[] small = bytes(100_000);
        BlobStore.StoredBlob blob = store.put("env_abc", new ByteArrayInputStream(small));
        assertEquals(small.length, blob.size());
        assertArrayEquals(small, standIn.bucket("mockfactory-env_abc-aws_s3").get(blob.id()));
        try (var range = store.open("env_abc", blob.id(), 10, 20)) {
            assertArrayEquals(Arrays.copyOfRange(small, 10, 30), range.readAllBytes());
        }
        store.delete("env_abc", blob.id());
        store.delete("env_abc", blob.id());
        assertNull(standIn.bucket("mockfactory-env_abc-aws_s3").get(blob.id()));
        assertTrue(standIn.calls.stream().allMatch(call -> call.keyId().equals(TENANCY + "/ocid1.user.oc1..standinuser/"
                + "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34")), "every call signed with the configured key");
        assertEquals(0, standIn.rejectedSignatures.get());
    }

    @Test
    void shouldUploadLargeBlobsThroughOcisMultipartApi() throws Exception {
        OciBlobStore store = store();
        store.createNamespace("env_big");
        byte[] large = bytes(2 * OciBlobStore.PART_SIZE + 12345);
        BlobStore.StoredBlob blob = store.put("env_big", new ByteArrayInputStream(large));
        assertEquals(large.length, blob.size());
        assertArrayEquals(large, standIn.bucket("mockfactory-env_big-aws_s3").get(blob.id()));
        assertEquals(3, standIn.calls.stream().filter(call -> call.method().equals("PUT") && call.path().contains("/u/")).count());
        try (var across = store.open("env_big", blob.id(), OciBlobStore.PART_SIZE - 5, 10)) {
            assertArrayEquals(Arrays.copyOfRange(large, OciBlobStore.PART_SIZE - 5, OciBlobStore.PART_SIZE + 5), across.readAllBytes());
        }
    }

    @Test
    void shouldDeleteEveryObjectAndTheBucketOfADestroyedEnvironment() throws Exception {
        OciBlobStore store = store();
        store.createNamespace("env_gone");
        for (int i = 0; i < 5; i++) {
            store.put("env_gone", new ByteArrayInputStream(bytes(1000 + i)));
        }
        store.deleteNamespace("env_gone");
        assertNull(standIn.bucket("mockfactory-env_gone-aws_s3"));
        store.deleteNamespace("env_gone");
    }

    @Test
    void shouldRetryAnOutageAndNotRetryARefusal() throws Exception {
        OciBlobStore store = store();
        store.createNamespace("env_flaky");
        standIn.failNext.set(2);
        BlobStore.StoredBlob blob = store.put("env_flaky", new ByteArrayInputStream(bytes(10)));
        assertEquals(10, standIn.bucket("mockfactory-env_flaky-aws_s3").get(blob.id()).length, "two 503s, then stored");

        int before = standIn.calls.size();
        assertThrows(IOException.class, () -> store.open("env_flaky", "no-such-blob", 0, 5).readAllBytes());
        assertEquals(before + 1, standIn.calls.size(), "a 404 is an answer, not a failure to retry");
        List<String> scrape = registry.scrape().lines().toList();
        assertTrue(scrape.containsAll(List.of("oci_operations_total{operation=\"PutObject\",status=\"error\"} 2.0",
                "oci_operations_total{operation=\"PutObject\",status=\"ok\"} 1.0",
                "oci_operations_total{operation=\"GetObject\",status=\"error\"} 1.0",
                "oci_operation_duration_seconds_count{operation=\"PutObject\"} 3")), "each attempt counted: " + scrape);
    }

    @Test
    void shouldBeRefusedWhenSignedWithAnotherKey() throws Exception {
        writeConfig(configDir, rsaKeys());
        OciBlobStore store = OciBlobStores.create(configDir.resolve("config").toString(), "DEFAULT", standIn.endpoint(),
                OciObjectStorageStandIn.NAMESPACE, "ocid1.compartment.oc1..x", "mockfactory-", registry);
        assertThrows(IOException.class, () -> store.createNamespace("env_intruder"));
        assertTrue(standIn.rejectedSignatures.get() > 0);
        assertNull(standIn.bucket("mockfactory-env_intruder-aws_s3"));
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static void writeConfig(Path dir, KeyPair keys) throws IOException {
        Path key = dir.resolve("oci_api_key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("config"), String.join("\n",
                "[DEFAULT]",
                "user=ocid1.user.oc1..standinuser",
                "fingerprint=20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34",
                "tenancy=" + TENANCY,
                "region=us-ashburn-1",
                "key_file=" + key, ""));
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
