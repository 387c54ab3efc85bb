package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running-environment quota under a race: 50 creates at once against beginner's 5 never give more than 5, every
 * environment the user holds was acknowledged, and the quota then fills to exactly 5.
 */
class HardQuotaIT extends OnLifecycleStack {

    @Test
    void shouldAcceptExactlyTheQuotaOfConcurrentCreates() throws Exception {
        String auth = newUser();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = "{\"name\":\"race-" + i + "\",\"services\":{\"redis\":{}}}";
            answers.add(pool.submit(() -> {
                go.await();
                return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .header("Prefer", "respond-async").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }));
        }
        go.countDown();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> accepted = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 202) {
                accepted.add(Json.field(response.body(), "id"));
            } else {
                // Refused for the quota, or by the per-caller bulkhead for having too many requests in flight
                assertTrue(response.statusCode() == 403 || response.statusCode() == 429, response.body());
            }
        }
        pool.shutdown();
        // Never more than the quota; fewer only if the per-caller bulkhead turned enough away before they asked
        assertTrue(accepted.size() <= 5 && accepted.size() >= 1, "answers by status: " + byStatus);
        // Filled up one at a time, the quota is exactly 5
        while (accepted.size() < 5) {
            HttpResponse<String> more = post("/api/v1/environments", "{\"name\":\"top-up\",\"services\":{\"redis\":{}}}", auth);
            assertEquals(201, more.statusCode(), more.body());
            accepted.add(Json.field(more.body(), "id"));
        }
        Eventually.await("the five are running", java.time.Duration.ofSeconds(60), () -> {
            Thread.sleep(500);
            return Json.usage(get("/api/v1/account/limits", auth).body(), "running_environments") == 5;
        });
        // No environment was made behind a refusal: the user holds exactly the five that were acknowledged
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments?limit=100"))
                .header("Authorization", auth).header("Cache-Control", "no-cache").GET().build(), HttpResponse.BodyHandlers.ofString());
        java.util.Set<String> listed = new java.util.HashSet<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.body()).get("items")
                .forEach(item -> listed.add(item.get("id").asText()));
        assertEquals(new java.util.HashSet<>(accepted), listed, "acknowledged " + byStatus);
        HttpResponse<String> sixth = post("/api/v1/environments", "{\"name\":\"sixth\",\"services\":{\"redis\":{}}}", auth);
        assertEquals(403, sixth.statusCode(), sixth.body());

        // A destroyed environment's slot is free at once for the next create
        assertEquals(200, delete("/api/v1/environments/" + accepted.get(0), auth).statusCode());
        HttpResponse<String> next = post("/api/v1/environments", "{\"name\":\"next\",\"services\":{\"redis\":{}}}", auth);
        assertEquals(201, next.statusCode(), next.body());
        for (String id : accepted.subList(1, accepted.size())) {
            delete("/api/v1/environments/" + id, auth);
        }
        delete("/api/v1/environments/" + Json.field(next.body(), "id"), auth);
    }
}
