package io.mockfactory.storage;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Listing a bucket of 100,000 objects through the S3 API: the first page, a page from the middle, a delimiter listing
 * of 1,000 prefixes, one prefix, and the whole bucket page by page. Prints medians; asserts only correctness.
 */
class S3ListingBenchmark {
    private static final int DIRECTORIES = 1000;
    private static final int FILES_PER_DIRECTORY = 100;

    @Test
    void listAHundredThousandObjects() throws Exception {
        try (StorageHarness storage = new StorageHarness()) {
            StorageHarness.S3Keys keys = storage.newEnvironment();
            try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(storage.endpoint())).region(Region.US_EAST_1)
                    .forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(),
                            keys.secretAccessKey()))).build()) {
                s3.createBucket(b -> b.bucket("many"));
                long started = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(16);
                AtomicInteger next = new AtomicInteger();
                for (int t = 0; t < 16; t++) {
                    pool.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < DIRECTORIES * FILES_PER_DIRECTORY; ) {
                            String key = String.format("dir-%03d/file-%06d", i / FILES_PER_DIRECTORY, i);
                            s3.putObject(p -> p.bucket("many").key(key), RequestBody.empty());
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.MINUTES);
                System.out.printf("populated %d objects in %.1f s%n", DIRECTORIES * FILES_PER_DIRECTORY, (System.nanoTime() - started) / 1e9);

                report("first page (1,000 keys)", () -> s3.listObjectsV2(l -> l.bucket("many")), 1000);
                report("page from the middle (start-after)", () -> s3.listObjectsV2(l -> l.bucket("many")
                        .startAfter("dir-500/file-050000")), 1000);
                report("delimiter '/': 1,000 common prefixes", () -> s3.listObjectsV2(l -> l.bucket("many").delimiter("/")), 1000);
                report("one prefix (100 keys)", () -> s3.listObjectsV2(l -> l.bucket("many").prefix("dir-777/")), 100);
                long whole = System.nanoTime();
                long count = s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket("many").build()).contents().stream().count();
                System.out.printf("whole bucket, 100 pages: %d keys in %.2f s%n", count, (System.nanoTime() - whole) / 1e9);
                if (count != (long) DIRECTORIES * FILES_PER_DIRECTORY) {
                    throw new AssertionError("listed " + count + " keys");
                }
            }
        }
    }

    private static void report(String what, Supplier<ListObjectsV2Response> listing, int expected) {
        for (int i = 0; i < 5; i++) {
            listing.get();
        }
        long[] millis = new long[21];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            ListObjectsV2Response page = listing.get();
            millis[i] = (System.nanoTime() - start) / 1000;
            if (page.keyCount() != expected) {
                throw new AssertionError(what + ": " + page.keyCount() + " entries");
            }
        }
        Arrays.sort(millis);
        System.out.printf("%-40s median %.1f ms, max %.1f ms (n=%d)%n", what, millis[millis.length / 2] / 1000.0,
                millis[millis.length - 1] / 1000.0, millis.length);
    }
}
