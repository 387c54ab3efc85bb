package io.mockfactory.storage;

import io.mockfactory.storage.S3FuzzCases.FuzzCase;
import io.mockfactory.storage.s3.RawHttp;
import io.mockfactory.storage.s3.RawHttp.Answer;
import io.mockfactory.storage.s3.RawHttp.Outcome;
import io.mockfactory.storage.s3.auth.TestSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A bounded, seeded fuzz of the S3 request path against the in-process server (a real bucket, real keys): generated
 * raw requests ({@link S3FuzzCases}) in bursts, each checked for: an answer within the deadline or a closed
 * connection (never a hang), no server error, no secret in what comes back. After each burst a normal upload and
 * download still work and no worker is stuck on a request body.
 * <p>
 * {@code -Dfuzz.cases=N} runs longer, {@code -Dfuzz.seed=S} another sequence; a failure names its case index, which
 * {@code -Dfuzz.only=I} replays alone.
 */
class S3RequestFuzzIT extends HostileStorageIT {
    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_F022L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 3000);
    private static final Integer ONLY = Integer.getInteger("fuzz.only");
    private static final int BURST = 250;
    private static final int CLIENTS = 8;
    private static final Duration BODY_READ_TIMEOUT = Duration.ofMillis(500);
    /** Far above anything the server waits for by itself (the body read timeout): silence this long is a hang. */
    private static final Duration CASE_DEADLINE = Duration.ofSeconds(8);
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private static S3FuzzCases cases;

    @BeforeAll
    static void start() throws Exception {
        startStorage(BODY_READ_TIMEOUT, "fuzz");
        s3.putObject(p -> p.bucket(bucket).key("stable/digits"), RequestBody.fromString("0123456789"));
        s3.putObject(p -> p.bucket(bucket).key("stable/empty"), RequestBody.empty());
        String uploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key("fuzz/part")).uploadId();
        cases = new S3FuzzCases(new TestSigner(keys.accessKeyId(), keys.secretAccessKey(), "us-east-1"),
                "localhost:" + storage.s3Port, bucket, uploadId);
    }

    @Test
    void shouldAnswerEveryGeneratedRequestInTimeWithoutServerErrorsOrSecrets() throws Exception {
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
        List<String> violations = new ArrayList<>();
        long started = System.nanoTime();
        int from = ONLY == null ? 0 : ONLY;
        int to = ONLY == null ? CASES : ONLY + 1;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int burstStart = from; burstStart < to; burstStart += BURST) {
                List<Future<String>> burst = new ArrayList<>();
                for (int index = burstStart; index < Math.min(to, burstStart + BURST); index++) {
                    int caseIndex = index;
                    burst.add(clients.submit(() -> run(caseIndex, statuses, codes)));
                }
                for (Future<String> outcome : burst) {
                    String violation = outcome.get();
                    if (violation != null) {
                        violations.add(violation);
                    }
                }
                assertStillServing(burstStart);
            }
        } finally {
            clients.shutdownNow();
        }
        int ran = to - from;
        System.out.printf("S3RequestFuzzIT: %d cases (seed %d) in %.1f s%n  statuses: %s%n  S3 error codes: %s%n", ran, SEED,
                (System.nanoTime() - started) / 1e9, sorted(statuses), sorted(codes));
        if (!violations.isEmpty()) {
            fail(violations.size() + " of " + ran + " cases broke an invariant (seed " + SEED + "), e.g.:\n"
                    + String.join("\n", violations.subList(0, Math.min(10, violations.size()))));
        }
    }

    /** @return what the case did wrong, or null */
    private static String run(int index, Map<String, AtomicInteger> statuses, Map<String, AtomicInteger> codes) {
        FuzzCase fuzzCase = cases.generate(index, new Random(SEED * 0x9E3779B97F4A7C15L + index));
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            Answer answer;
            try {
                http.send(fuzzCase.bytes());
                answer = http.finalAnswer(fuzzCase.method(), CASE_DEADLINE);
            } catch (java.io.IOException e) {
                // The server closed (or reset) the connection while the request was still being written
                answer = new Answer(Outcome.CLOSED, 0, Map.of(), new byte[0]);
            }
            String status = answer.outcome() == Outcome.ANSWERED ? String.valueOf(answer.status()) : answer.outcome().name().toLowerCase();
            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            Matcher code = ERROR_CODE.matcher(answer.text());
            if (code.find()) {
                codes.computeIfAbsent(code.group(1), k -> new AtomicInteger()).incrementAndGet();
            }
            return violation(fuzzCase, answer);
        } catch (Exception e) {
            return describe(fuzzCase, "the client failed: " + e);
        }
    }

    private static String violation(FuzzCase fuzzCase, Answer answer) {
        if (answer.outcome() == Outcome.TIMED_OUT) {
            return describe(fuzzCase, "no answer and no close within " + CASE_DEADLINE.toSeconds() + " s");
        }
        if (answer.outcome() == Outcome.ANSWERED && answer.status() >= 500 && !notImplemented(fuzzCase, answer)) {
            return describe(fuzzCase, "answered " + answer.status() + ": " + answer.text());
        }
        String everything = answer.text() + answer.headers();
        if (everything.contains(keys.secretAccessKey())) {
            return describe(fuzzCase, "the secret key is in the answer");
        }
        return null;
    }

    /**
     * 501 NotImplemented is S3's own answer for a sub-resource this emulator does not offer, not a failure of it (an
     * answer to HEAD has no body to say so).
     */
    private static boolean notImplemented(FuzzCase fuzzCase, Answer answer) {
        return answer.status() == 501 && ("HEAD".equals(fuzzCase.method()) || answer.text().contains("<Code>NotImplemented</Code>"));
    }

    private static String describe(FuzzCase fuzzCase, String problem) {
        return "case " + fuzzCase.index() + " (" + fuzzCase.kind() + "): " + problem + "\n    request: " + fuzzCase.preview();
    }

    /** A normal round trip works, and once the burst settled no worker still waits on a request body. */
    private static void assertStillServing(int burst) throws Exception {
        byte[] content = ("after burst " + burst).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s3.putObject(p -> p.bucket(bucket).key("health/" + burst), RequestBody.fromBytes(content));
        assertArrayEquals(content, s3.getObjectAsBytes(g -> g.bucket(bucket).key("health/" + burst)).asByteArray(),
                "a normal PUT and GET after burst " + burst);
        assertEquals("0123456789", s3.getObjectAsBytes(g -> g.bucket(bucket).key("stable/digits")).asUtf8String());
        long deadline = System.nanoTime() + BODY_READ_TIMEOUT.multipliedBy(6).toNanos();
        while (stuckWorkers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, stuckWorkers(), "workers still waiting on a request body after burst " + burst);
    }

    private static long stuckWorkers() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().startsWith("s3-worker-"))
                .filter(thread -> java.util.Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().endsWith(".RequestBody")))
                .count();
    }

    private static String withoutSigningTime(String request) {
        return request.replaceAll("(?i)\\d{8}(T\\d{6}Z)?|signature=[0-9a-f]{64}", "");
    }

    private static Map<String, Integer> sorted(Map<String, AtomicInteger> counts) {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((key, count) -> out.put(key, count.get()));
        return out;
    }

    @Test
    void shouldGenerateTheSameCasesFromTheSameSeed() {
        for (int index : new int[]{0, 17, 1234}) {
            FuzzCase first = cases.generate(index, new Random(SEED * 0x9E3779B97F4A7C15L + index));
            FuzzCase again = cases.generate(index, new Random(SEED * 0x9E3779B97F4A7C15L + index));
            assertEquals(first.kind(), again.kind());
            assertTrue(first.preview().length() > 0);
            // Signed requests carry the time of signing; the rest of the case is the same
            assertEquals(withoutSigningTime(first.preview()), withoutSigningTime(again.preview()));
        }
    }
}
