package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The environment API's edge: validation, idempotency, ownership, quota, paging and Server-Sent Events. */
class EnvironmentApiIT extends OnLifecycleStack {

    @Test
    void shouldValidateAtTheEdgeAndHonourIdempotencyKeys() throws Exception {
        String auth = newUser();
        HttpResponse<String> badVersion = post("/api/v1/environments", "{\"name\":\"x\",\"services\":{\"redis\":{\"version\":\"2\"}}}", auth);
        assertEquals(422, badVersion.statusCode(), badVersion.body());
        assertTrue(badVersion.body().contains("services.redis.version"), badVersion.body());
        assertEquals(422, post("/api/v1/environments", "{\"name\":\"x\",\"services\":{\"oracle\":{}}}", auth).statusCode());
        assertEquals(422, post("/api/v1/environments", "{\"name\":\"\",\"services\":{}}", auth).statusCode());
        assertEquals(400, post("/api/v1/environments", "{\"name\":", auth).statusCode());

        String body = "{\"name\":\"idem\",\"services\":{\"redis\":{\"version\":\"latest\"}}}";
        HttpResponse<String> first = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Idempotency-Key", "retry-1").header("Prefer", "respond-async"), body, auth);
        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Idempotency-Key", "retry-1").header("Prefer", "respond-async"), body, auth);
        assertEquals(202, first.statusCode(), first.body());
        assertTrue(first.headers().firstValue("Location").isPresent());
        assertEquals(Json.field(first.body(), "id"), Json.field(again.body(), "id"), "the retry names the same environment");
        Eventually.await("the async environment to run", Duration.ofSeconds(60), () -> get("/api/v1/environments/"
                + Json.field(first.body(), "id"), auth).body().contains("\"status\":\"running\""));
        String list = get("/api/v1/environments", auth).body();
        assertEquals(1, list.split("\"name\":\"idem\"", -1).length - 1, "one environment for two requests: " + list);
        delete("/api/v1/environments/" + Json.field(first.body(), "id"), auth);
    }

    @Test
    void shouldHideEnvironmentsFromOtherUsers() throws Exception {
        String owner = "Bearer " + Json.field(register().body(), "access_token");
        String other = "Bearer " + Json.field(register().body(), "access_token");
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"private\",\"services\":{\"redis\":{}}}", owner).body(), "id");

        assertEquals(404, get("/api/v1/environments/" + id, other).statusCode());
        assertEquals(404, get("/api/v1/environments/" + id + "/credentials", other).statusCode());
        assertEquals(404, get("/api/v1/environments/" + id + "/events", other).statusCode());
        assertEquals(404, post("/api/v1/environments/" + id + "/stop", "", other).statusCode());
        assertEquals(404, delete("/api/v1/environments/" + id, other).statusCode());
        assertFalse(get("/api/v1/environments", other).body().contains(id));
        assertEquals(200, delete("/api/v1/environments/" + id, owner).statusCode());
    }

    /**
     * A pg_dump upload seed is in the issue and not built: it is refused, never silently ignored; a snapshot that is
     * not the caller's is refused like one that does not exist, and nobody snapshots or clones another's environment.
     */
    @Test
    void shouldRefuseWhatThisVersionCannotDoWithoutAllocatingAnything() throws Exception {
        String owner = newUser();
        String other = newUser();
        HttpResponse<String> seeded = post("/api/v1/environments", "{\"name\":\"seeded\",\"services\":{\"redis\":"
                + "{},\"postgresql\":{\"seed\":{\"dump\":\"upl_y\"}}}}", owner);
        assertEquals(422, seeded.statusCode(), seeded.body());
        assertTrue(seeded.body().contains("feature-unavailable") && seeded.body().contains("services.postgresql.seed.dump"),
                seeded.body());
        HttpResponse<String> fromSnapshot = post("/api/v1/environments",
                "{\"name\":\"branch\",\"from_snapshot\":\"snap_AAAAAAAAAAAAAAAAAAAAAA\"}", owner);
        assertEquals(422, fromSnapshot.statusCode(), fromSnapshot.body());
        assertTrue(fromSnapshot.body().contains("from_snapshot"), fromSnapshot.body());
        assertFalse(get("/api/v1/environments", owner).body().contains("\"name\":\"seeded\""), "nothing was created");

        String id = Json.field(post("/api/v1/environments", "{\"name\":\"plain\",\"services\":{\"redis\":{}}}", owner).body(), "id");
        for (String route : List.of("/snapshots", "/clone")) {
            assertEquals(404, post("/api/v1/environments/" + id + route, "{\"name\":\"s\"}", other).statusCode(),
                    "another user's environment stays hidden");
        }
        assertEquals("[]", Json.array(get("/api/v1/snapshots", owner).body(), "items"), "nothing was taken");
        assertEquals(404, get("/api/v1/snapshots/snap_x", owner).statusCode());
        assertEquals(401, get("/api/v1/snapshots", null).statusCode());
        assertEquals(200, delete("/api/v1/environments/" + id, owner).statusCode());
    }

    @Test
    void shouldEnforceTheTiersRunningEnvironmentQuota() throws Exception {
        String auth = newUser();
        HttpResponse<String> limits = get("/api/v1/account/limits", auth);
        int quota = Integer.parseInt(Json.number(limits.body(), "running_environments"));
        assertEquals(5, quota, "the beginner tier's running environments: " + limits.body());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < quota; i++) {
            HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"q" + i + "\",\"services\":{\"aws_s3\":{}}}", auth);
            assertEquals(201, created.statusCode(), created.body());
            ids.add(Json.field(created.body(), "id"));
        }
        assertEquals(quota, Json.usage(get("/api/v1/account/limits", auth).body(), "running_environments"), "usage counts them");
        HttpResponse<String> refused = post("/api/v1/environments", "{\"name\":\"one-too-many\",\"services\":{\"aws_s3\":{}}}", auth);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("quota-exceeded") && refused.body().contains(quota + " running environments"), refused.body());

        assertEquals("stopped", Json.field(post("/api/v1/environments/" + ids.get(0) + "/stop", "", auth).body(), "status"));
        HttpResponse<String> room = post("/api/v1/environments", "{\"name\":\"fits-now\",\"services\":{\"aws_s3\":{}}}", auth);
        assertEquals(201, room.statusCode(), "a stopped environment does not count: " + room.body());
        assertEquals(403, post("/api/v1/environments/" + ids.get(0) + "/start", "", auth).statusCode(),
                "starting it again would exceed the quota");
        ids.add(Json.field(room.body(), "id"));
        for (String id : ids) {
            destroy(id, auth);
        }
    }

    @Test
    void shouldPageTheCallersEnvironmentsAndRefuseABadPageSizeAtTheEdge() throws Exception {
        String auth = newUser();
        java.util.Set<String> created = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(Json.field(post("/api/v1/environments", "{\"name\":\"page" + i + "\",\"services\":{\"aws_s3\":{}}}", auth).body(), "id"));
        }
        String first = get("/api/v1/environments?limit=2", auth).body();
        String cursor = Json.field(first, "next_cursor");
        String second = get("/api/v1/environments?limit=2&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8), auth).body();
        assertTrue(second.contains("\"next_cursor\":null"), second);
        java.util.Set<String> listed = new java.util.HashSet<>();
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\"id\":\"(env_[^\"]+)\"").matcher(first + second);
        int count = 0;
        while (ids.find()) {
            listed.add(ids.group(1));
            count++;
        }
        assertEquals(created, listed, "both pages together: every environment of the caller, once");
        assertEquals(3, count);

        for (String limit : List.of("abc", "0", "101")) {
            HttpResponse<String> refused = get("/api/v1/environments?limit=" + limit, auth);
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"field\":\"limit\"") && refused.body().contains("\"instance\":\"/api/v1/environments\""),
                    refused.body());
        }
        for (String id : created) {
            delete("/api/v1/environments/" + id, auth);
        }
    }

    @Test
    void shouldStreamTheLifecycleAsServerSentEvents() throws Exception {
        String auth = newUser();
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"watched\",\"services\":{\"redis\":{}}}", auth).body(), "id");
        assertTrue(get("/api/v1/environments/" + id + "/events", auth).headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/json"), "the plain form stays JSON");
        HttpResponse<String> anything = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments/" + id + "/events"))
                .header("Authorization", auth).header("Accept", "*/*").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(anything.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json")
                && anything.body().startsWith("{"), "so does */* (curl's and requests' default): " + anything.body());

        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/api/v1/environments/" + id + "/events")).header("Authorization", auth)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> reading = java.util.concurrent.CompletableFuture.runAsync(() ->
                stream.body().forEach(line -> {
                    seen.add(line);
                    if (line.contains("EnvironmentRunning") && line.startsWith("event")) {
                        java.util.concurrent.CompletableFuture.runAsync(() -> {
                            try {
                                delete("/api/v1/environments/" + id, auth);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                }));
        reading.get(60, java.util.concurrent.TimeUnit.SECONDS);
        String all = String.join("\n", seen);
        assertTrue(all.contains("EnvironmentRequested") && all.contains("ServiceReady"), "history first: " + all);
        assertTrue(all.contains("EnvironmentDestroyed"), "then live events, ending with the destruction: " + all);
    }

    @Test
    void shouldListTheCallersOwnChangesAtOnce() throws Exception {
        String auth = newUser();
        assertFalse(get("/api/v1/environments", auth).body().contains("\"name\":\"listed\""), "an empty list, now held");
        HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"listed\",\"services\":{\"aws_s3\":{}}}", auth);
        assertEquals(201, created.statusCode(), created.body());
        String id = Json.field(created.body(), "id");
        String listed = get("/api/v1/environments", auth).body();
        assertTrue(listed.contains(id) && listed.contains("\"status\":\"running\""),
                "the list shows what the create answered, with no wait: " + listed);
        assertEquals(200, post("/api/v1/environments/" + id + "/stop", "", auth).statusCode());
        assertTrue(get("/api/v1/environments", auth).body().contains("\"status\":\"stopped\""), "and what the stop answered");
        assertEquals(200, delete("/api/v1/environments/" + id, auth).statusCode());
        assertFalse(get("/api/v1/environments", auth).body().contains("\"status\":\"stopped\""), "and the destruction");
    }

    @Test
    void shouldCarryTheRequestIdOnTheGatewaysCallsToEnvironmentService() throws Exception {
        String auth = newUser();
        String listed = "req_list-" + System.nanoTime();
        String found = "req_find-" + System.nanoTime();
        // no-cache: the list is fetched on the blocking pool, where the id must still be known
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Authorization", auth).header("X-Request-Id", listed).header("Cache-Control", "no-cache").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode(), list.body());
        HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/api/v1/environments/env_AAAAAAAAAAAAAAAAAAAAAA")).header("Authorization", auth)
                .header("X-Request-Id", found).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, one.statusCode(), one.body());
        // environment-service's access log (enabled for this stack) writes the id each call arrived with
        Path log = stateDir.resolve("environment-service.log");
        for (String id : List.of(listed, found)) {
            Eventually.await("environment-service to log a call with " + id, Duration.ofSeconds(10), () ->
                    Files.readAllLines(log).stream().anyMatch(line -> line.contains("/internal/environments") && line.endsWith(id)));
        }
    }
}
