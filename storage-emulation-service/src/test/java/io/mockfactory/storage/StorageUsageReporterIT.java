package io.mockfactory.storage;

import io.micronaut.json.JsonMapper;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.billing.StorageUsageReported;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.internal.storage.StorageUsage;
import io.mockfactory.storage.usage.StorageUsageReporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Billing's storage usage reports, read from the outbox they are published from: a pass reports an environment
 * whose figure (objects plus unfinished multipart parts, put with the AWS SDK) changed and nothing else, a destroy
 * reports a final zero. And the live usage route shows exactly what the quota counts. The scheduled pass is pushed
 * an hour out so only the test's own calls report.
 */
class StorageUsageReporterIT {
    private static final long QUOTA = 64 * 1024;
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static StorageHarness storage;
    private static StorageUsageReporter reporter;
    private static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        storage = new StorageHarness(Map.of("mockfactory.storage.usage-report.interval", "1h",
                "mockfactory.storage.usage-report.initial-delay", "1h",
                "mockfactory.tiers.beginner.storage-bytes", String.valueOf(QUOTA)));
        reporter = storage.context.getBean(StorageUsageReporter.class);
        db = storage.context.getBean(DataSource.class);
    }

    @AfterAll
    static void stop() {
        storage.close();
    }

    @Test
    void shouldReportAnEnvironmentWhenWhatItStoresChangesAndZeroWhenItIsDestroyed() throws Exception {
        StorageHarness.S3Keys keys = storage.newEnvironment();
        String environmentId = keys.environmentId();
        try (S3Client s3 = storage.client(keys).build()) {
            s3.createBucket(b -> b.bucket("usage"));
            put(s3, "usage", "a", 1000);
            put(s3, "usage", "b", 2345);
            String upload = s3.createMultipartUpload(b -> b.bucket("usage").key("big")).uploadId();
            s3.uploadPart(b -> b.bucket("usage").key("big").uploadId(upload).partNumber(1), RequestBody.fromBytes(new byte[4096]));

            long mark = lastOutboxId();
            int emitted = reporter.report();
            assertEquals(List.of(new StorageUsageReported("aws_s3", 1000 + 2345 + 4096, 2)), reportsOf(environmentId, mark));
            assertEquals(reports(mark).size(), emitted, "the pass counts what it appended");
            EventEnvelope envelope = reportEnvelopes(mark).stream().filter(e -> environmentId.equals(e.environmentId()))
                    .findFirst().orElseThrow();
            assertEquals(keys.userId(), envelope.userId());

            mark = lastOutboxId();
            assertEquals(0, reporter.report(), "nothing changed");
            assertEquals(List.of(), reports(mark));

            s3.deleteObject(b -> b.bucket("usage").key("b"));
            mark = lastOutboxId();
            assertEquals(1, reporter.report());
            assertEquals(List.of(new StorageUsageReported("aws_s3", 1000 + 4096, 1)), reportsOf(environmentId, mark));
        }

        long mark = lastOutboxId();
        storage.send(environmentId, keys.userId(), new DestroyEnvironment("test"));
        awaitServiceDestroyed(environmentId, mark);
        assertEquals(List.of(new StorageUsageReported("aws_s3", 0, 0)), reportsOf(environmentId, mark));
        mark = lastOutboxId();
        assertEquals(0, reporter.report(), "a destroyed environment is reported no more");
        assertEquals(List.of(), reports(mark));
    }

    @Test
    void shouldZeroAStandingFigureOfAnEnvironmentDestroyedWithoutOne() throws Exception {
        // As a destroy handled by a release before these reports leaves it: a figure standing, the environment gone
        StorageHarness.S3Keys keys = storage.newEnvironment();
        storage.send(keys.environmentId(), keys.userId(), new DestroyEnvironment("test"));
        awaitServiceDestroyed(keys.environmentId(), 0);
        try (Connection connection = db.getConnection(); PreparedStatement standing = connection.prepareStatement(
                "INSERT INTO storage_usage_reported VALUES (?, ?, 10, 1, now())")) {
            standing.setString(1, keys.environmentId());
            standing.setString(2, keys.userId());
            standing.executeUpdate();
        }

        long mark = lastOutboxId();
        reporter.report();
        assertEquals(List.of(new StorageUsageReported("aws_s3", 0, 0)), reportsOf(keys.environmentId(), mark));
        mark = lastOutboxId();
        reporter.report();
        assertEquals(List.of(), reportsOf(keys.environmentId(), mark), "zeroed once");
    }

    @Test
    void shouldShowTheLiveFigureTheQuotaEnforcesAcrossTheUsersEnvironments() throws Exception {
        StorageHarness.S3Keys first = storage.newEnvironment();
        StorageHarness.S3Keys second = storage.newEnvironment(first.userId());
        try (S3Client one = storage.client(first).build(); S3Client two = storage.client(second).build()) {
            one.createBucket(b -> b.bucket("one"));
            put(one, "one", "a", 1000);
            put(one, "one", "b", 2345);
            two.createBucket(b -> b.bucket("two"));
            String upload = two.createMultipartUpload(b -> b.bucket("two").key("big")).uploadId();
            two.uploadPart(b -> b.bucket("two").key("big").uploadId(upload).partNumber(1), RequestBody.fromBytes(new byte[4096]));

            long used = 1000 + 2345 + 4096;
            assertEquals(new StorageUsage(used, 2), usage(first.userId()));

            // The quota counts exactly this: what is left of it fits to the byte, and then one byte more does not
            put(two, "two", "rest", (int) (QUOTA - used));
            S3Exception refused = assertThrows(S3Exception.class, () -> put(one, "one", "over", 1));
            assertEquals("QuotaExceeded", refused.awsErrorDetails().errorCode(), refused.getMessage());
            assertEquals(new StorageUsage(QUOTA, 3), usage(first.userId()));
        }
        assertEquals(new StorageUsage(0, 0), usage(EventIds.newId("usr")));
    }

    private static void put(S3Client s3, String bucket, String key, int size) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[size]));
    }

    private static StorageUsage usage(String userId) throws Exception {
        HttpResponse<String> response = storage.internalGet("/internal/storage/usage?user_id=" + userId);
        assertEquals(200, response.statusCode(), response.body());
        return storage.context.getBean(JsonMapper.class).readValue(response.body(), StorageUsage.class);
    }

    private static List<StorageUsageReported> reportsOf(String environmentId, long afterId) throws Exception {
        return reportEnvelopes(afterId).stream().filter(e -> environmentId.equals(e.environmentId()))
                .map(e -> (StorageUsageReported) e.payload()).toList();
    }

    private static List<StorageUsageReported> reports(long afterId) throws Exception {
        return reportEnvelopes(afterId).stream().map(e -> (StorageUsageReported) e.payload()).toList();
    }

    private static List<EventEnvelope> reportEnvelopes(long afterId) throws Exception {
        return outbox(afterId).stream().filter(e -> e.payload() instanceof StorageUsageReported).toList();
    }

    /** What the service appended to its outbox after row {@code afterId}, in order (published or not). */
    private static List<EventEnvelope> outbox(long afterId) throws Exception {
        List<EventEnvelope> appended = new ArrayList<>();
        try (Connection connection = db.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT envelope FROM outbox WHERE id > ? ORDER BY id")) {
            select.setLong(1, afterId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    appended.add(CODEC.decode(rows.getString(1)));
                }
            }
        }
        return appended;
    }

    private static long lastOutboxId() throws Exception {
        try (Connection connection = db.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM outbox");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Waits for the destroy command to be handled (its ServiceDestroyed is in the outbox); asserts nothing. */
    private static void awaitServiceDestroyed(String environmentId, long afterId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (outbox(afterId).stream().noneMatch(e -> e.payload() instanceof ServiceDestroyed
                && environmentId.equals(e.environmentId()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The destroy of " + environmentId + " was never handled");
            }
            Thread.sleep(50);
        }
    }
}
