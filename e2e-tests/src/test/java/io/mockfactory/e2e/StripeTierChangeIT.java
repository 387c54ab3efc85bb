package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed Stripe event changes a tier end to end: gateway → billing-service (signature, once per event id) →
 * UserTierChanged through the outbox and Kafka → auth-service → a new token carries the tier and the gateway's
 * limits follow. Forged, stale, unknown-price and replayed deliveries change nothing. A downgrade below current use
 * leaves running environments alone and refuses new ones until use is back under the limit.
 */
class StripeTierChangeIT extends OnLifecycleStack {
    private static final String WEBHOOK = "/api/v1/billing/webhooks/stripe";

    @Test
    void shouldUpgradeOnASignedSubscriptionAndDowngradeWhenItEnds() throws Exception {
        HttpResponse<String> registered = register();
        String userId = Json.field(registered.body(), "id");
        String email = Json.field(registered.body(), "email");
        String auth = "Bearer " + Json.field(registered.body(), "access_token");
        assertEquals("beginner", Json.field(get("/api/v1/account/limits", auth).body(), "tier"));

        String upgrade = subscription("evt_up_" + userId, "customer.subscription.updated", userId, TestStack.PROFESSIONAL_PRICE, "active");
        long now = Instant.now().getEpochSecond();
        assertEquals(401, deliver(upgrade.replace("active", "trialing"), signature(TestStack.STRIPE_WEBHOOK_SECRET, now, upgrade)).statusCode(),
                "a body other than the one signed");
        assertEquals(401, deliver(upgrade, signature("whsec_someone_else", now, upgrade)).statusCode(), "another secret");
        assertEquals(401, deliver(upgrade, signature(TestStack.STRIPE_WEBHOOK_SECRET, now - 400, upgrade)).statusCode(), "stale");
        assertEquals(401, deliver(upgrade, null).statusCode(), "no signature");
        String unknownPrice = subscription("evt_price_" + userId, "customer.subscription.updated", userId, "price_nobody_sells", "active");
        assertEquals(400, deliver(unknownPrice, signature(TestStack.STRIPE_WEBHOOK_SECRET, now, unknownPrice)).statusCode());
        assertEquals("beginner", Json.field(get("/api/v1/auth/me", auth).body(), "tier"), "nothing changed");

        Instant sent = Instant.now();
        HttpResponse<String> applied = deliver(upgrade, signature(TestStack.STRIPE_WEBHOOK_SECRET, sent.getEpochSecond(), upgrade));
        assertEquals(200, applied.statusCode(), applied.body());
        assertTrue(applied.body().contains("\"applied\""), applied.body());
        Eventually.await("auth-service applies the new tier", Duration.ofSeconds(20), () -> {
            Thread.sleep(200);
            return "professional".equals(Json.field(get("/api/v1/auth/me", auth).body(), "tier"));
        });
        String fresh = login(email);
        HttpResponse<String> limits = get("/api/v1/account/limits", fresh);
        long latency = Duration.between(sent, Instant.now()).toMillis();
        assertEquals("professional", Json.field(limits.body(), "tier"), limits.body());
        assertEquals("1200", Json.number(limits.body(), "requests_per_minute"), limits.body());
        assertEquals("1200", limits.headers().firstValue("RateLimit-Limit").orElseThrow());
        System.out.println("measured: signed webhook → a new token's professional limits in " + latency + " ms");

        HttpResponse<String> replayed = deliver(upgrade, signature(TestStack.STRIPE_WEBHOOK_SECRET, Instant.now().getEpochSecond(), upgrade));
        assertEquals(200, replayed.statusCode());
        assertTrue(replayed.body().contains("already_applied"), replayed.body());

        // Six environments while professional (10 running), one more than beginner's 5
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> created = post("/api/v1/environments", "{\"name\":\"held-" + i + "\",\"services\":{\"aws_s3\":{}}}", fresh);
            assertEquals(201, created.statusCode(), created.body());
            held.add(Json.field(created.body(), "id"));
        }

        String ended = subscription("evt_end_" + userId, "customer.subscription.deleted", userId, TestStack.PROFESSIONAL_PRICE, "canceled");
        assertEquals(200, deliver(ended, signature(TestStack.STRIPE_WEBHOOK_SECRET, Instant.now().getEpochSecond(), ended)).statusCode());
        Eventually.await("the downgrade reaches the account", Duration.ofSeconds(20), () -> {
            Thread.sleep(200);
            return "beginner".equals(Json.field(get("/api/v1/auth/me", fresh).body(), "tier"));
        });
        String downgraded = login(email);
        String limitsNow = get("/api/v1/account/limits", downgraded).body();
        assertEquals("120", Json.number(limitsNow, "requests_per_minute"));
        // Below current use: running environments are left alone, new ones are refused until use is under the limit
        assertEquals(6, Json.usage(limitsNow, "running_environments"), limitsNow);
        for (String id : held) {
            assertEquals("running", Json.field(get("/api/v1/environments/" + id, downgraded).body(), "status"));
        }
        HttpResponse<String> refused = post("/api/v1/environments", "{\"name\":\"seventh\",\"services\":{\"aws_s3\":{}}}", downgraded);
        assertEquals(403, refused.statusCode(), refused.body());
        destroy(held.get(0), downgraded);
        assertEquals(403, post("/api/v1/environments", "{\"name\":\"at-limit\",\"services\":{\"aws_s3\":{}}}", downgraded).statusCode(),
                "5 running is the limit");
        destroy(held.get(1), downgraded);
        HttpResponse<String> room = post("/api/v1/environments", "{\"name\":\"room\",\"services\":{\"aws_s3\":{}}}", downgraded);
        assertEquals(201, room.statusCode(), room.body());
    }

    private static String subscription(String eventId, String type, String userId, String price, String status) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"data\":{\"object\":{"
                + "\"id\":\"sub_e2e\",\"object\":\"subscription\",\"status\":\"" + status + "\","
                + "\"metadata\":{\"mockfactory_user_id\":\"" + userId + "\"},"
                + "\"items\":{\"object\":\"list\",\"data\":[{\"id\":\"si_e2e\",\"price\":{\"id\":\"" + price + "\"}}]}}}}";
    }

    /** Stripe's scheme, computed here independently of billing-service's code: t=…,v1=HMAC-SHA256(secret, "t.body") */
    private static String signature(String secret, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> deliver(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + WEBHOOK))
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login(String email) throws Exception {
        HttpResponse<String> login = post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertEquals(200, login.statusCode(), login.body());
        return "Bearer " + Json.field(login.body(), "access_token");
    }
}
