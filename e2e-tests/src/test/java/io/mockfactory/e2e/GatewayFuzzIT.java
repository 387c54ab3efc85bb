package io.mockfactory.e2e;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mockfactory.gateway.internal.PeerCalls;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bounded, seeded fuzz of the gateway's routes through the whole stack. Each burst is one fresh attacking tenant
 * sending generated paths, queries, headers and bodies; every answer must come within the timeout, be below 500 and
 * carry no secret (the attacker's own included: an error that echoes a token puts it into logs). After each burst a
 * bystander tenant is served as usual and no circuit breaker of the gateway has opened.
 * {@code -Dfuzz.cases=N} (default 1,200) and {@code -Dfuzz.seed=S} set the run; the seed is printed to replay a failure.
 */
class GatewayFuzzIT extends OnLifecycleStack {
    private static final int BURST = 150;
    /** 4 checks a burst: 20 bursts stay well within a beginner's 120 requests a minute. */
    private static final int BURSTS_PER_BYSTANDER = 20;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(40);

    @Test
    void shouldAnswerEveryGeneratedRequestBelow500WithoutHurtingAnotherTenant() throws Exception {
        int cases = Integer.getInteger("fuzz.cases", 1200);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("GatewayFuzzIT: seed " + seed + ", " + cases + " cases");
        FuzzRequests generator = new FuzzRequests(seed);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Bystander bystander = Bystander.join(this);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int ran = 0;
        int bursts = 0;
        while (ran < cases && failures.isEmpty()) {
            if (++bursts % BURSTS_PER_BYSTANDER == 0) {
                // The checks are a tenant's requests too: a long run would spend its tier's rate limit
                bystander.leave(this);
                bystander = Bystander.join(this);
            }
            Tenant attacker = Tenant.register(baseUrl, "fuzz");
            List<String> secrets = new ArrayList<>(attacker.secrets());
            secrets.addAll(bystander.tenant().secrets());
            secrets.add(stack.internalToken);
            for (int i = 0; i < BURST && ran < cases; i++, ran++) {
                FuzzRequests.Generated generated = generator.next(attacker, bystander.environment());
                HttpRequest request = generated.build(baseUrl, ANSWER_WITHIN);
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() >= 500) {
                        failures.add(generated + " -> " + response.statusCode() + " " + response.body());
                    }
                    for (String secret : secrets) {
                        if (response.body().contains(secret) || response.headers().map().toString().contains(secret)) {
                            failures.add(generated + " -> an answer carried a secret");
                        }
                    }
                } catch (HttpTimeoutException hang) {
                    failures.add(generated + " -> no answer within " + ANSWER_WITHIN.toSeconds() + " s");
                }
            }
            bystander.tenant().assertServedWithoutLogin(baseUrl);
            assertEquals(200, Tenant.send(baseUrl, "GET", "/api/v1/environments/" + bystander.environment() + "/credentials",
                    bystander.tenant().bearer(), null).statusCode(), "the bystander's credentials");
            for (PeerCalls peer : stack.gatewayBeans(PeerCalls.class)) {
                assertEquals(CircuitBreaker.State.CLOSED, peer.breakerState(), peer.name() + " after " + ran + " cases");
            }
            cleanUp(attacker);
        }
        System.out.println("GatewayFuzzIT: ran " + ran + " cases (seed " + seed + "), statuses " + statuses);
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.stream().limit(5).toList());
        bystander.leave(this);
    }

    /** The other tenant, with an environment of its own, whose service the fuzzing must not disturb. */
    private record Bystander(Tenant tenant, String environment) {
        static Bystander join(GatewayFuzzIT test) throws Exception {
            Tenant tenant = Tenant.register(baseUrl, "bystander");
            return new Bystander(tenant, Json.field(test.createRunning(tenant.bearer(),
                    "{\"name\":\"bystander\",\"services\":{\"aws_s3\":{}}}"), "id"));
        }

        void leave(GatewayFuzzIT test) throws Exception {
            test.destroy(environment, tenant.bearer());
        }
    }

    /** Environments the generator managed to create hold processes and ports on the shared stack. */
    private void cleanUp(Tenant attacker) throws Exception {
        String list = Tenant.send(baseUrl, "GET", "/api/v1/environments?limit=100", attacker.bearer(), null).body();
        for (var environment : new com.fasterxml.jackson.databind.ObjectMapper().readTree(list).path("items")) {
            Tenant.send(baseUrl, "DELETE", "/api/v1/environments/" + environment.path("id").asText(), attacker.bearer(), null);
        }
    }
}
