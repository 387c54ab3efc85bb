package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the storage service in the middle of a versioned PUT and of a multipart complete: after the restart the
 * key shows the old state or the new one, whole, never a half (a version without its bytes, a lost upload, an
 * object made of some parts).
 */
class S3CrashSafetyIT extends OnLifecycleStack {
    private static final int MIB = 1 << 20;

    @Test
    void shouldLeaveTheOldOrTheNewStateAfterAKillDuringAVersionedPutAndAComplete() throws Exception {
        String auth = newUser();
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"crash\",\"services\":{\"aws_s3\":{}}}", auth).body(), "id");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        byte[] old = filled(MIB, 'o');
        String bucket = "crash-safety";
        String firstVersion;
        try (S3Client s3 = client(credentials)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(v -> v.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
            firstVersion = s3.putObject(p -> p.bucket(bucket).key("doc"), RequestBody.fromBytes(old)).versionId();
            s3.putObject(p -> p.bucket(bucket).key("assembled"), RequestBody.fromBytes(old));
        }

        // 1. A 48 MiB versioned PUT whose body trickles in: the kill lands while it streams
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> {
            try (S3Client s3 = client(credentials)) {
                s3.putObject(p -> p.bucket(bucket).key("doc"), RequestBody.fromInputStream(new Trickle(48 * MIB), 48L * MIB));
            } catch (Exception expected) {
                // the server died under it
            }
        });
        Thread.sleep(1500);
        stack.storage().kill();
        put.join();
        stack.restart(stack.storage());
        try (S3Client s3 = client(credentials)) {
            ListObjectVersionsResponse versions = s3.listObjectVersions(l -> l.bucket(bucket).prefix("doc"));
            assertEquals(List.of(firstVersion), versions.versions().stream().map(ObjectVersion::versionId).toList(),
                    "the interrupted PUT left no version");
            assertArrayEquals(old, s3.getObjectAsBytes(g -> g.bucket(bucket).key("doc")).asByteArray());
        }

        // 2. A multipart complete killed at several moments after it was sent: before, during or after the commit
        for (long delay : new long[]{0, 120, 400}) {
            List<CompletedPart> parts = new ArrayList<>();
            String upload;
            MessageDigest etags = MessageDigest.getInstance("MD5");
            try (S3Client s3 = client(credentials)) {
                upload = s3.createMultipartUpload(c -> c.bucket(bucket).key("assembled")).uploadId();
                for (int n = 1; n <= 3; n++) {
                    int number = n;
                    byte[] part = filled(16 * MIB, (char) ('a' + n));
                    String etag = s3.uploadPart(u -> u.bucket(bucket).key("assembled").uploadId(upload).partNumber(number),
                            RequestBody.fromBytes(part)).eTag();
                    etags.update(HexFormat.of().parseHex(etag.replace("\"", "")));
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
            }
            String expectedEtag = "\"" + HexFormat.of().formatHex(etags.digest()) + "-3\"";
            CompletableFuture<Void> complete = CompletableFuture.runAsync(() -> {
                try (S3Client s3 = client(credentials)) {
                    s3.completeMultipartUpload(c -> c.bucket(bucket).key("assembled").uploadId(upload)
                            .multipartUpload(m -> m.parts(parts)));
                } catch (Exception expected) {
                    // the server died under it
                }
            });
            Thread.sleep(delay);
            stack.storage().kill();
            complete.join();
            stack.restart(stack.storage());
            try (S3Client s3 = client(credentials)) {
                boolean uploadRemains = s3.listMultipartUploads(l -> l.bucket(bucket)).uploads().stream()
                        .anyMatch(u -> u.uploadId().equals(upload));
                var head = s3.headObject(h -> h.bucket(bucket).key("assembled"));
                if (uploadRemains) {
                    assertEquals(MIB, head.contentLength(), "not completed: the old object stands (kill after " + delay + " ms)");
                    s3.abortMultipartUpload(a -> a.bucket(bucket).key("assembled").uploadId(upload));
                } else {
                    assertEquals(48L * MIB, head.contentLength(), "completed: the whole new object (kill after " + delay + " ms)");
                    assertEquals(expectedEtag, head.eTag());
                    byte[] tail = s3.getObjectAsBytes(g -> g.bucket(bucket).key("assembled").range("bytes=" + (48 * MIB - 4) + "-"))
                            .asByteArray();
                    assertArrayEquals(new byte[]{'d', 'd', 'd', 'd'}, tail);
                }
            }
        }
        destroy(id, auth);
    }

    private static S3Client client(String credentials) {
        return S3Client.builder().endpointOverride(URI.create("http://localhost:" + s3Port)).region(Region.US_EAST_1)
                .forcePathStyle(true).overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Json.field(credentials, "access_key_id"), Json.field(credentials, "secret_access_key")))).build();
    }

    private static byte[] filled(int size, char value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** A body that arrives slowly (1 MiB every 100 ms), so a kill finds the PUT still streaming. */
    private static final class Trickle extends InputStream {
        private long left;
        private long sent;

        Trickle(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            if (sent % MIB == 0) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int n = (int) Math.min(Math.min(length, left), MIB - sent % MIB);
            Arrays.fill(buffer, offset, offset + n, (byte) 'n');
            left -= n;
            sent += n;
            return n;
        }
    }
}
