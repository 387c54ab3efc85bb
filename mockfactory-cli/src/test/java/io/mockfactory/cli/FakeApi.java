package io.mockfactory.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for MockFactory's API on a free local port: canned answers per method and path, the last one repeated. */
final class FakeApi implements AutoCloseable {
    record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Each request as {@code METHOD path?query body} (the body left out when empty), in arrival order. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (no query) with these, in turn; the last one from then on. */
    FakeApi on(String method, String path, Answer... inTurn) {
        answers.put(method + " " + path, new ConcurrentLinkedDeque<>(List.of(inTurn)));
        return this;
    }

    static Answer json(int status, String body) {
        return new Answer(status, status < 300 ? "application/json" : "application/problem+json", body);
    }

    static Answer events(String body) {
        return new Answer(200, "text/event-stream", body);
    }

    private void answer(HttpExchange exchange) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + (sent.isEmpty() ? "" : " " + sent));
        Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        Answer answer = queue == null ? json(404, "{\"title\":\"Not Found\",\"detail\":\"No such route.\"}")
                : queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
