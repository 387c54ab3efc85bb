package io.mockfactory.storage;

import io.mockfactory.events.EventIds;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.events.seed.ServiceSeed.ObjectsSeed;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed uploads against a real PostgreSQL, Kafka and blob store: files stored as they stream in, checked and counted
 * against the quota, then unpacked by an aws_s3 seed into a new environment's bucket that the AWS SDK reads back. The
 * beginner quota is 8 MiB here. Every refusal here is of a body the sender sends whole (Java's HttpClient, which
 * answers only once its body is sent): the service reads each to its end, or these calls would stall. (The upload cap
 * is the gateway's, tested through it.)
 */
class SeedUploadIT {
    private static final int MIB = 1024 * 1024;
    private static StorageHarness storage;

    @BeforeAll
    static void start() throws Exception {
        storage = new StorageHarness(Map.of("mockfactory.tiers.beginner.storage-bytes", String.valueOf(8L * MIB)));
    }

    @AfterAll
    static void stop() {
        storage.close();
    }

    @Test
    void shouldUnpackAGzippedTarAndAZipIntoTheBucketsOfNewEnvironments() throws Exception {
        String userId = EventIds.newId("usr");
        byte[] binary = new byte[MIB];
        new Random(7).nextBytes(binary);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("./fixtures/users.json", "[{\"id\":1}]".getBytes(StandardCharsets.UTF_8));
        files.put("docs/read me.txt", "hello".getBytes(StandardCharsets.UTF_8));
        files.put("blobs/random.bin", binary);
        byte[] tarGz = tarGz(files, true);
        String tarId = EventIds.newId("upl");
        HttpResponse<String> stored = upload(userId, tarId, tarGz, "fixtures");
        assertEquals(201, stored.statusCode(), stored.body());
        assertTrue(stored.body().contains("\"format\":\"tar.gz\"") && stored.body().contains("\"name\":\"fixtures\"")
                && stored.body().contains("\"size_bytes\":" + tarGz.length)
                && stored.body().contains("\"sha256\":\"" + hex("SHA-256", tarGz) + "\""), stored.body());
        assertEquals(200, upload(userId, tarId, tarGz, "fixtures").statusCode(), "a retry is the same upload");
        String zipId = EventIds.newId("upl");
        assertEquals(201, upload(userId, zipId, zip(Map.of("x/y.bin", binary)), null).statusCode());
        String listed = storage.internalGet("/internal/uploads?user_id=" + userId).body();
        assertTrue(listed.indexOf(zipId) >= 0 && listed.indexOf(zipId) < listed.indexOf(tarId), "newest first: " + listed);
        assertTrue(storage.internalGet("/internal/uploads?user_id=" + userId + "&limit=1").body().contains("\"next_cursor\":\""
                + zipId + "\""));

        String fromTar = seeded(userId, tarId, "fixtures");
        storage.awaitServiceStatus(fromTar, "running");
        try (S3Client s3 = storage.client(storage.keysOf(fromTar, userId)).build()) {
            List<S3Object> objects = s3.listObjectsV2(b -> b.bucket("fixtures")).contents();
            assertEquals(List.of("blobs/random.bin", "docs/read me.txt", "fixtures/users.json"),
                    objects.stream().map(S3Object::key).toList(), "every file by its path; the directory and link left out");
            assertEquals("\"" + hex("MD5", binary) + "\"", objects.get(0).eTag());
            assertArrayEquals(binary, s3.getObjectAsBytes(b -> b.bucket("fixtures").key("blobs/random.bin")).asByteArray());
            assertEquals("application/json", s3.headObject(b -> b.bucket("fixtures").key("fixtures/users.json")).contentType());
        }
        String fromZip = seeded(userId, zipId, "data");
        storage.awaitServiceStatus(fromZip, "running");
        try (S3Client s3 = storage.client(storage.keysOf(fromZip, userId)).build()) {
            assertArrayEquals(binary, s3.getObjectAsBytes(b -> b.bucket("data").key("x/y.bin")).asByteArray());
        }
        String usage = storage.internalGet("/internal/storage/usage?user_id=" + userId).body();
        long uploads = tarGz.length + zip(Map.of("x/y.bin", binary)).length;
        assertTrue(usage.contains("\"bytes\":" + (uploads + 2L * MIB + 15) + ","), "uploads count with objects: " + usage);

        assertTrue(namespaceOf(zipId));
        assertEquals("true", storage.internal("DELETE", "/internal/uploads/" + zipId + "?user_id=" + userId, null).body());
        assertEquals(404, storage.internalGet("/internal/uploads/" + zipId + "?user_id=" + userId).statusCode());
        assertEquals("false", storage.internal("DELETE", "/internal/uploads/" + zipId + "?user_id=" + userId, null).body());
        awaitGone(zipId);
        try (S3Client s3 = storage.client(storage.keysOf(fromZip, userId)).build()) {
            assertArrayEquals(binary, s3.getObjectAsBytes(b -> b.bucket("data").key("x/y.bin")).asByteArray(),
                    "what was seeded from it stays");
        }
    }

    /** Each failing seed fails the service with nothing of it kept; the uploads are the owner's only. */
    @Test
    void shouldFailSeedsThatCannotBeApplied() throws Exception {
        String owner = EventIds.newId("usr");
        String climbing = EventIds.newId("upl");
        assertEquals(201, upload(owner, climbing, tarGz(Map.of("../../etc/passwd", new byte[]{1}), false), null).statusCode());
        String broken = EventIds.newId("upl");
        byte[] truncated = tarGz(Map.of("a.bin", new byte[64 * 1024]), false);
        assertEquals(201, upload(owner, broken, java.util.Arrays.copyOf(truncated, truncated.length / 2), null).statusCode());
        String mine = EventIds.newId("upl");
        assertEquals(201, upload(owner, mine, zip(Map.of("k", new byte[]{1})), null).statusCode());
        String other = EventIds.newId("usr");
        assertEquals(404, storage.internalGet("/internal/uploads/" + mine + "?user_id=" + other).statusCode());
        assertEquals("false", storage.internal("DELETE", "/internal/uploads/" + mine + "?user_id=" + other, null).body());

        for (String[] seed : List.of(new String[]{owner, climbing}, new String[]{owner, broken}, new String[]{other, mine},
                new String[]{owner, EventIds.newId("upl")})) {
            String environmentId = seeded(seed[0], seed[1], "fixtures");
            storage.awaitServiceStatus(environmentId, "failed");
            assertEquals(0, bucketCount(environmentId), "nothing of a failed seed is kept");
        }
    }

    /** An RDB file is an upload too, whose bytes the provisioner reads back; it is no archive of objects. */
    @Test
    void shouldKeepAnRdbFileAndServeItsBytesToItsOwnerOnly() throws Exception {
        String owner = EventIds.newId("usr");
        byte[] rdb = ("REDIS0010" + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
        String id = EventIds.newId("upl");
        HttpResponse<String> stored = upload(owner, id, rdb, "cache");
        assertEquals(201, stored.statusCode(), stored.body());
        assertTrue(stored.body().contains("\"format\":\"rdb\""), stored.body());
        HttpResponse<byte[]> content = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(storage.restUrl() + "/internal/uploads/" + id + "/content?user_id=" + owner))
                .header("X-Internal-Token", StorageHarness.INTERNAL_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, content.statusCode());
        assertArrayEquals(rdb, content.body());
        assertEquals(404, storage.internalGet("/internal/uploads/" + id + "/content?user_id=" + EventIds.newId("usr")).statusCode());
        String environmentId = seeded(owner, id, "fixtures");
        storage.awaitServiceStatus(environmentId, "failed");
    }

    /** The reconciler keeps an upload's old bytes and deletes an old namespace no upload row owns (a crash's). */
    @Test
    void shouldKeepAnUploadsBytesAcrossAReconcileAndDeleteAnUnownedOne() throws Exception {
        String owner = EventIds.newId("usr");
        String id = EventIds.newId("upl");
        assertEquals(201, upload(owner, id, zip(Map.of("kept", new byte[]{7})), null).statusCode());
        Path unowned = Files.createDirectories(storage.blobRoot.resolve(EventIds.newId("upl") + "_crashedAttmpt"));
        java.nio.file.attribute.FileTime dayAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
        try (var all = Files.walk(storage.blobRoot)) {
            for (Path path : all.filter(path -> path.toString().contains(id) || path.startsWith(unowned)).toList()) {
                Files.setLastModifiedTime(path, dayAgo);
            }
        }
        storage.context.getBean(io.mockfactory.storage.blob.BlobReconciler.class).reconcile();
        assertFalse(Files.exists(unowned), "a namespace no upload owns is deleted");
        String environmentId = seeded(owner, id, "fixtures");
        storage.awaitServiceStatus(environmentId, "running");
    }

    @Test
    void shouldRefuseUploadsItCannotKeepAndKeepNothingOfThem() throws Exception {
        String userId = EventIds.newId("usr");
        HttpResponse<String> text = upload(userId, EventIds.newId("upl"), "not an archive".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(415, text.statusCode(), text.body());
        byte[] three = new byte[3 * MIB];
        new Random(3).nextBytes(three);
        byte[] archive = zip(Map.of("three.bin", three));
        assertEquals(201, upload(userId, EventIds.newId("upl"), archive, null).statusCode());
        assertEquals(201, upload(userId, EventIds.newId("upl"), archive, null).statusCode());
        String third = EventIds.newId("upl");
        HttpResponse<String> overQuota = upload(userId, third, archive, null);
        assertEquals(403, overQuota.statusCode(), overQuota.body());
        assertTrue(overQuota.body().contains("quota-exceeded"), overQuota.body());
        assertFalse(namespaceOf(third), "a refused upload's bytes are deleted");
        assertEquals(2, storage.internalGet("/internal/uploads?user_id=" + userId).body().split("\"id\":").length - 1);
    }

    private static HttpResponse<String> upload(String userId, String id, byte[] bytes, String name) throws Exception {
        return storage.internalBytes("POST", "/internal/uploads/" + id + "?user_id=" + userId
                + (name == null ? "" : "&name=" + name), bytes);
    }

    private static String seeded(String userId, String uploadId, String bucket) throws Exception {
        String environmentId = EventIds.newId("env");
        storage.send(environmentId, userId, new CreateEnvironment("seeded", Map.of("aws_s3", new ServiceSpec("latest", Map.of())),
                null, "beginner", Map.of("aws_s3", ServiceSeed.ofObjects(new ObjectsSeed(uploadId, bucket))), null));
        return environmentId;
    }

    private static long bucketCount(String environmentId) throws Exception {
        try (java.sql.Connection connection = storage.context.getBean(javax.sql.DataSource.class).getConnection();
             java.sql.PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM buckets WHERE environment_id = ?")) {
            select.setString(1, environmentId);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A tar of {@code files} (with a directory and, when asked, a symbolic link beside them), gzipped. */
    private static byte[] tarGz(Map<String, byte[]> files, boolean withExtras) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            if (withExtras) {
                tar.putArchiveEntry(new TarArchiveEntry("fixtures/"));
                tar.closeArchiveEntry();
                TarArchiveEntry link = new TarArchiveEntry("latest.json", TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("fixtures/users.json");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    /** Whether the blob store holds a namespace of the upload's (each attempt's is its id and a suffix). */
    private static boolean namespaceOf(String uploadId) throws Exception {
        try (var namespaces = Files.list(storage.blobRoot)) {
            return namespaces.anyMatch(namespace -> namespace.getFileName().toString().startsWith(uploadId + "_"));
        }
    }

    private static void awaitGone(String uploadId) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (namespaceOf(uploadId)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bytes of " + uploadId + " are still there");
            }
            Thread.sleep(100);
        }
    }
}
