package io.mockfactory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storage metering end to end: objects put with the AWS SDK show at once in the account's storage use (the figure
 * the quota enforces), reach billing-service as the storage service's StorageUsageReported events, and accrue
 * storage byte-hours, also while the environment is stopped, which the estimate itemises. Destroying the
 * environment brings the use back to zero.
 */
class StorageBillingIT extends OnLifecycleStack {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MIB = 1 << 20;

    @Test
    void shouldMeterStoredBytesRunningAndStopped() throws Exception {
        String auth = newUser();
        Instant before = Instant.now();
        HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"stored\",\"services\":{\"aws_s3\":{}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.field(created.body(), "id");
        String credentials = get("/api/v1/environments/" + id + "/credentials", auth).body();
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://localhost:" + s3Port))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Json.field(credentials, "access_key_id"), Json.field(credentials, "secret_access_key")))).build()) {
            s3.createBucket(b -> b.bucket("fixtures"));
            s3.putObject(p -> p.bucket("fixtures").key("a.bin"), RequestBody.fromBytes(new byte[MIB]));
            s3.putObject(p -> p.bucket("fixtures").key("b.bin"), RequestBody.fromBytes(new byte[2 * MIB]));
        }
        assertEquals(3L * MIB, storageBytes(auth), "the account shows what is stored, at once");

        String query = "/api/v1/billing/usage?granularity=hour&from=" + before.minus(Duration.ofHours(1))
                + "&to=" + Instant.now().plus(Duration.ofHours(1));
        // The storage service reports changes every second in this stack; polled once a second (120 requests a minute)
        BigDecimal first = Eventually.within(Duration.ofSeconds(30), () -> {
            Thread.sleep(1000);
            BigDecimal byteHours = total(get(query, auth).body(), "storage_byte_hours");
            assertTrue(byteHours.signum() > 0, "storage byte-hours accrue");
            return byteHours;
        });
        // 3 MiB for at most the time since the create
        BigDecimal most = BigDecimal.valueOf(3L * MIB).multiply(BigDecimal.valueOf(Duration.between(before, Instant.now()).toMillis()))
                .divide(BigDecimal.valueOf(3_600_000), 9, java.math.RoundingMode.UP);
        assertTrue(first.compareTo(most) <= 0, first + " ≤ " + most);

        assertEquals("stopped", Json.field(post("/api/v1/environments/" + id + "/stop", "", auth).body(), "status"));
        BigDecimal stopped = Eventually.within(Duration.ofSeconds(30), () -> {
            Thread.sleep(1000);
            BigDecimal byteHours = total(get(query, auth).body(), "stopped_storage_byte_hours");
            assertTrue(byteHours.signum() > 0, "a stopped environment's storage still accrues");
            return byteHours;
        });
        assertTrue(total(get(query, auth).body(), "storage_byte_hours").compareTo(stopped) > 0, "stopped storage is part of storage");

        JsonNode estimate = MAPPER.readTree(get("/api/v1/billing/estimate", auth).body());
        assertTrue(estimate.get("storage_gib_months").has("aws_s3"), estimate.toString());
        boolean itemised = false;
        for (JsonNode item : estimate.get("items")) {
            itemised |= "storage".equals(item.get("item").asText()) && "GiB-month".equals(item.get("unit").asText());
        }
        assertTrue(itemised, estimate.toString());

        destroy(id, auth);
        Eventually.await("a destroyed environment stores nothing", Duration.ofSeconds(20), () -> {
            Thread.sleep(500);
            return storageBytes(auth) == 0;
        });
    }

    private long storageBytes(String auth) throws Exception {
        JsonNode usage = MAPPER.readTree(get("/api/v1/account/limits", auth).body()).get("usage");
        assertTrue(usage.hasNonNull("storage_bytes"), usage.toString());
        return usage.get("storage_bytes").asLong();
    }

    private static BigDecimal total(String body, String metric) throws Exception {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : MAPPER.readTree(body).get("items")) {
            if (metric.equals(line.get("metric").asText())) {
                assertEquals("aws_s3", line.get("service_type").asText(), line.toString());
                total = total.add(line.get("quantity").decimalValue());
            }
        }
        return total;
    }
}
