package io.mockfactory.storage.s3;

import io.mockfactory.storage.s3.RawHttp.Answer;
import io.mockfactory.storage.s3.RawHttp.Outcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection handling on the real pipeline: every request is answered or its connection closed, whatever happens. */
class S3ChannelHandlerTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final S3ChannelHandler.Dispatch ECHO = request -> {
        try {
            byte[] body = request.body().readAllBytes();
            return S3Response.status(200).stream(new java.io.ByteArrayInputStream(body), body.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    private static String put(String path, long contentLength, String... headers) {
        return "PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + contentLength + "\r\n"
                + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n";
    }

    @Test
    void shouldAnswerInternalErrorWithTheRequestIdWhenTheWorkerFails() throws Exception {
        try (StubS3Server server = new StubS3Server(TIMEOUT, request -> {
            if (request.path().equals("/error")) {
                throw new StackOverflowError("deep");
            }
            if (request.path().equals("/null")) {
                return null;
            }
            throw new IllegalStateException("boom");
        }); RawHttp http = new RawHttp(server.port())) {
            for (String path : new String[]{"/runtime", "/error", "/null"}) {
                Answer answer = http.send(get(path)).read("GET", WAIT);
                assertEquals(500, answer.status(), path + ": " + answer);
                assertTrue(answer.text().contains("<Code>InternalError</Code>"), answer.text());
                assertTrue(answer.text().contains("<RequestId>" + answer.header("x-amz-request-id") + "</RequestId>"), answer.text());
                assertTrue(!answer.text().contains("boom") && !answer.text().contains("deep"), "no internals in the answer");
            }
        }
    }

    @Test
    void shouldCloseTheConnectionWhenAnAnswerFailsAfterItsHead() throws Exception {
        Path file = Files.writeString(Files.createTempFile("blob", ".bin"), "0123456789");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the blob store went away");
            }
        };
        try (StubS3Server server = new StubS3Server(TIMEOUT, request -> request.path().equals("/file")
                ? S3Response.ok().file(file, 5, -1) : S3Response.ok().stream(failing, 100))) {
            for (String path : new String[]{"/file", "/stream"}) {
                try (RawHttp http = new RawHttp(server.port())) {
                    assertTrue(http.send(get(path)).closedWithin(WAIT), path + ": a half answer ends with the connection");
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void shouldAskForTheBodyOnlyWhenTheOperationReadsIt() throws Exception {
        try (StubS3Server server = new StubS3Server(TIMEOUT, request -> {
            if (request.path().equals("/refused")) {
                throw S3Error.ENTITY_TOO_LARGE.exception();
            }
            return ECHO.handle(request);
        })) {
            try (RawHttp http = new RawHttp(server.port())) {
                Answer refused = http.send(put("/refused", 10, "Expect: 100-continue")).read("PUT", WAIT);
                assertEquals(400, refused.status(), "the refusal comes instead of 100 Continue: " + refused);
                assertTrue(refused.text().contains("EntityTooLarge"));
                assertTrue(http.closedWithin(WAIT), "the unsent body is not waited for");
            }
            try (RawHttp http = new RawHttp(server.port())) {
                assertEquals(100, http.send(put("/accepted", 5, "Expect: 100-continue")).read("PUT", WAIT).status());
                Answer accepted = http.send("hello").read("PUT", WAIT);
                assertEquals(200, accepted.status());
                assertEquals("hello", accepted.text());
            }
        }
    }

    @Test
    void shouldAnswerRequestTimeoutWhenTheBodyStallsAndCloseTheConnection() throws Exception {
        try (StubS3Server server = new StubS3Server(TIMEOUT, ECHO); RawHttp http = new RawHttp(server.port())) {
            long start = System.nanoTime();
            Answer answer = http.send(put("/stalled", 100) + "0123456789").read("PUT", WAIT);
            assertEquals(400, answer.status(), answer.toString());
            assertTrue(answer.text().contains("<Code>RequestTimeout</Code>"), answer.text());
            assertTrue(answer.text().contains("Idle connections will be closed."), answer.text());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(TIMEOUT) >= 0, "not before the timeout");
            assertEquals("close", answer.header("Connection"));
            assertTrue(http.closedWithin(WAIT));
        }
    }

    @Test
    void shouldKeepReadingABodyThatArrivesSlowlyButSteadily() throws Exception {
        try (StubS3Server server = new StubS3Server(TIMEOUT, ECHO); RawHttp http = new RawHttp(server.port())) {
            http.send(put("/slow", 10));
            for (int i = 0; i < 5; i++) {
                Thread.sleep(TIMEOUT.toMillis() / 2);
                http.send("ab");
            }
            Answer answer = http.read("PUT", WAIT);
            assertEquals(200, answer.status(), "the timeout is for silence, not for the whole body: " + answer);
            assertEquals("ababababab", answer.text());
        }
    }

    @Test
    void shouldCloseConnectionsThatAreIdleOrWhoseRequestHeadNeverEnds() throws Exception {
        try (StubS3Server server = new StubS3Server(TIMEOUT, ECHO)) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET /bucket/key HTTP/1.1\r\nHost: localhost\r\nx-amz-date: 2024");
                assertTrue(http.closedWithin(TIMEOUT.multipliedBy(4)), "a request head that never ends");
            }
            try (RawHttp http = new RawHttp(server.port())) {
                assertEquals(200, http.send(get("/")).read("GET", WAIT).status());
                assertTrue(http.closedWithin(TIMEOUT.multipliedBy(4)), "an idle keep-alive connection");
            }
        }
    }

    @Test
    void shouldNotCloseAConnectionWhileItsRequestIsBeingAnswered() throws Exception {
        try (StubS3Server server = new StubS3Server(TIMEOUT, request -> {
            try {
                Thread.sleep(TIMEOUT.toMillis() * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return S3Response.ok();
        }); RawHttp http = new RawHttp(server.port())) {
            assertEquals(200, http.send(get("/slow-operation")).read("GET", WAIT).status());
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrder() throws Exception {
        try (StubS3Server server = new StubS3Server(TIMEOUT, request -> {
            if (request.path().equals("/slow")) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return S3Response.xml(request.path());
        }); RawHttp http = new RawHttp(server.port())) {
            http.send(get("/slow") + get("/fast"));
            assertEquals("/slow", http.read("GET", WAIT).text());
            assertEquals("/fast", http.read("GET", WAIT).text());
        }
    }

    @Test
    void shouldRefuseABodyWhoseChunkedFramingIsBroken() throws Exception {
        try (StubS3Server server = new StubS3Server(TIMEOUT, ECHO); RawHttp http = new RawHttp(server.port())) {
            Answer answer = http.send("PUT /bucket/key HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nzz-not-hex\r\nmore\r\n0\r\n\r\n").read("PUT", WAIT);
            assertEquals(Outcome.ANSWERED, answer.outcome());
            assertEquals(400, answer.status(), "a truncated body is never taken for the whole: " + answer);
            assertTrue(answer.text().contains("IncompleteBody"), answer.text());
            assertTrue(http.closedWithin(WAIT), "the decoder reads nothing more on this connection");
        }
    }
}
