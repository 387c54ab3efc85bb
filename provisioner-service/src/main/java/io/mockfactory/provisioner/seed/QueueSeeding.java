package io.mockfactory.provisioner.seed;

import io.mockfactory.events.seed.ServiceSeed.QueueSeed;
import io.mockfactory.provisioner.runtime.Endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates an ElasticMQ seed's queues and sends their messages in order, through the SQS query API a client uses. A
 * {@code .fifo} queue is created as FIFO with content-based deduplication, and its messages share one group so they
 * are received in the order given.
 */
final class QueueSeeding {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern QUEUE_URL = Pattern.compile("<QueueUrl>([^<]+)</QueueUrl>");
    private static final long DEADLINE_NANOS = 300_000_000_000L;
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private QueueSeeding() {
    }

    static void apply(Endpoint endpoint, List<QueueSeed> queues) throws SeedFailure, InterruptedException {
        String base = "http://" + endpoint.host() + ":" + endpoint.port();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        for (int q = 0; q < queues.size(); q++) {
            QueueSeed queue = queues.get(q);
            // Logged by position only; the user is told the queue's name
            String where = "queue " + (q + 1);
            String shownAt = "queue " + queue.name();
            if (System.nanoTime() > deadline) {
                throw new SeedFailure("queues", "the seed ran longer than 300 s");
            }
            boolean fifo = queue.name().endsWith(".fifo");
            Map<String, String> create = new LinkedHashMap<>();
            create.put("Action", "CreateQueue");
            create.put("QueueName", queue.name());
            if (fifo) {
                create.put("Attribute.1.Name", "FifoQueue");
                create.put("Attribute.1.Value", "true");
                create.put("Attribute.2.Name", "ContentBasedDeduplication");
                create.put("Attribute.2.Value", "true");
            }
            String created = call(base + "/", create, where, shownAt);
            Matcher url = QUEUE_URL.matcher(created);
            if (!url.find()) {
                throw new SeedFailure(where, shownAt, "CreateQueue answered without a queue URL");
            }
            // The server names itself by its configured host; the path is what identifies the queue
            String queuePath = URI.create(url.group(1).strip()).getRawPath();
            for (int i = 0; i < queue.messages().size(); i++) {
                Map<String, String> send = new LinkedHashMap<>();
                send.put("Action", "SendMessage");
                send.put("MessageBody", queue.messages().get(i));
                if (fifo) {
                    send.put("MessageGroupId", "seed");
                    // Content-based deduplication would drop a seed's repeated bodies
                    send.put("MessageDeduplicationId", "seed-" + i);
                }
                call(base + queuePath, send, where + ", message " + (i + 1), shownAt + ", message " + (i + 1));
            }
        }
    }

    private static String call(String url, Map<String, String> parameters, String where, String shownAt)
            throws SeedFailure, InterruptedException {
        parameters.put("Version", "2012-11-05");
        String form = parameters.entrySet().stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                Matcher message = ERROR_MESSAGE.matcher(response.body());
                throw new SeedFailure(where, shownAt, message.find() ? message.group(1) : "the server answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new SeedFailure(where, shownAt, "the server could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
