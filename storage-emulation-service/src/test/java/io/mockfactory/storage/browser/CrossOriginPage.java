package io.mockfactory.storage.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A web page on an origin of its own ({@code http://127.0.0.1:<port>}, served by the JDK's HttpServer) that runs
 * scenarios in the browser one after another and posts each one's outcome back to this server (more dependable than
 * waiting on the browser's virtual time), also writing it into the page.
 *
 * <p>A scenario is the body of an {@code async (p) => {...}} JavaScript function: {@code p} is the parameters the test
 * gave it (URLs, bodies), and whatever JSON value it returns is its outcome. One that throws (a fetch a browser refused
 * for CORS throws a TypeError) has the outcome {@code {"thrown": "<the error>"}}. Add a scenario with
 * {@link #scenario}, then {@link #run} them all in one browser.
 */
public final class CrossOriginPage implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> scripts = new LinkedHashMap<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, JsonNode> outcomes = new ConcurrentHashMap<>();
    private volatile CountDownLatch done = new CountDownLatch(1);

    public CrossOriginPage() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::serve);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: what the page's requests carry as their Origin. */
    public String origin() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** @param body the body of {@code async (p) => { ... }}, returning the outcome */
    public CrossOriginPage scenario(String name, Map<String, ?> params, String body) {
        if (!name.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("a scenario name is letters, digits and dashes: " + name);
        }
        scripts.put(name, body);
        parameters.put(name, params);
        return this;
    }

    /**
     * Opens the page in headless Chromium and waits for every scenario's outcome.
     *
     * @param s3Port the port the page's requests go to besides its own
     * @return each scenario's outcome, by name
     */
    public Map<String, JsonNode> run(int s3Port, Duration timeout) throws Exception {
        outcomes.clear();
        done = new CountDownLatch(1);
        try (HeadlessChromium browser = HeadlessChromium.open(origin() + "/", port(), s3Port)) {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("The page did not finish within " + timeout + " (outcomes so far: " + outcomes
                        + ", browser " + (browser.isAlive() ? "running" : "gone") + "); the browser's log ends:\n"
                        + browser.logTail());
            }
        }
        return Map.copyOf(outcomes);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && "/".equals(path)) {
                respond(exchange, 200, "text/html; charset=utf-8", html());
            } else if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/outcome/")) {
                outcomes.put(path.substring("/outcome/".length()), JSON.readTree(exchange.getRequestBody()));
                respond(exchange, 204, null, "");
            } else if ("POST".equals(exchange.getRequestMethod()) && "/done".equals(path)) {
                done.countDown();
                respond(exchange, 204, null, "");
            } else {
                respond(exchange, 404, "text/plain", "not here");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private String html() throws IOException {
        StringBuilder functions = new StringBuilder();
        scripts.forEach((name, body) -> functions.append("  \"").append(name).append("\": async (p) => {\n").append(body)
                .append("\n  },\n"));
        // "<" only occurs inside JSON strings, where \u003c is the same character: no "</script>" can end the script early
        String params = JSON.writeValueAsString(parameters).replace("<", "\\u003c");
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>MockFactory S3 CORS</title></head>
                <body><ol id="outcomes"></ol>
                <script>
                const params = %s;
                const scenarios = {
                %s};
                (async () => {
                  for (const [name, scenario] of Object.entries(scenarios)) {
                    let outcome;
                    try {
                      outcome = await scenario(params[name]);
                    } catch (e) {
                      outcome = {thrown: String(e)};
                    }
                    const item = document.createElement("li");
                    item.id = name;
                    item.textContent = name + ": " + JSON.stringify(outcome);
                    document.getElementById("outcomes").appendChild(item);
                    await fetch("/outcome/" + name, {method: "POST", body: JSON.stringify(outcome === undefined ? null : outcome)});
                  }
                  await fetch("/done", {method: "POST"});
                })();
                </script></body></html>
                """.formatted(params, functions);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
