package io.mockfactory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metering end to end: an environment's lifecycle events reach billing-service through Kafka and its inbox, and the
 * gateway's billing routes show the caller, and only the caller, what ran and what it costs.
 */
class BillingUsageIT extends OnLifecycleStack {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldMeterWhatRanAndShowItOnlyToItsOwner() throws Exception {
        String auth = newUser();
        String stranger = newUser();
        Instant before = Instant.now();
        HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"metered\",\"services\":{\"redis\":{}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.field(created.body(), "id");
        Thread.sleep(1500);
        assertEquals(200, post("/api/v1/environments/" + id + "/stop", "", auth).statusCode());
        Instant after = Instant.now();

        String query = "/api/v1/billing/usage?granularity=hour&from=" + before.minus(Duration.ofHours(1)) + "&to=" + after.plus(Duration.ofHours(1));
        // Polled once a second: the caller's tier allows 120 requests a minute
        BigDecimal redis = Eventually.within(Duration.ofSeconds(20), () -> {
            Thread.sleep(1000);
            HttpResponse<String> usage = get(query, auth);
            assertEquals(200, usage.statusCode(), usage.body());
            BigDecimal seconds = total(usage.body(), "service_seconds", "redis");
            assertTrue(seconds.signum() > 0 && total(usage.body(), "environment_hours", null).signum() > 0, usage.body());
            return seconds;
        });
        // It ran between the 201 and the stop's answer: at least the pause, at most the whole exchange
        assertTrue(redis.compareTo(new BigDecimal("1.4")) >= 0, redis.toString());
        assertTrue(redis.compareTo(BigDecimal.valueOf(Duration.between(before, after).toMillis()).movePointLeft(3)) <= 0, redis.toString());

        HttpResponse<String> theirs = get(query, stranger);
        assertEquals(200, theirs.statusCode());
        assertEquals(0, MAPPER.readTree(theirs.body()).get("items").size(), theirs.body());

        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + query))
                .header("Accept", "text/csv").header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
        assertTrue(csv.body().startsWith("period_start,period_end,service_type,metric,quantity\r\n"), csv.body());
        assertTrue(csv.body().contains(",redis,service_seconds,"), csv.body());

        HttpResponse<String> estimate = get("/api/v1/billing/estimate", auth);
        assertEquals(200, estimate.statusCode(), estimate.body());
        JsonNode cost = MAPPER.readTree(estimate.body());
        assertEquals("beginner", cost.get("tier").asText());
        assertTrue(cost.get("service_hours").get("redis").decimalValue().signum() > 0, estimate.body());
        assertEquals(0, cost.get("total").decimalValue().compareTo(BigDecimal.ZERO), "beginner pays nothing");

        JsonNode use = MAPPER.readTree(get("/api/v1/account/limits", auth).body()).get("usage");
        assertTrue(use.get("service_hours_this_period").decimalValue().signum() > 0, use.toString());

        HttpResponse<String> bad = get("/api/v1/billing/usage?granularity=week&from=yesterday", auth);
        assertEquals(422, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("granularity") && bad.body().contains("from"), bad.body());
        assertEquals(401, get("/api/v1/billing/usage", null).statusCode());
    }

    private static BigDecimal total(String body, String metric, String serviceType) throws Exception {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : MAPPER.readTree(body).get("items")) {
            boolean type = serviceType == null ? line.get("service_type").isNull() : serviceType.equals(line.get("service_type").asText());
            if (metric.equals(line.get("metric").asText()) && type) {
                total = total.add(line.get("quantity").decimalValue());
            }
        }
        return total;
    }
}
