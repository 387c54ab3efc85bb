package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import io.mockfactory.events.EventIds;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.ResourceLimits;
import redis.clients.jedis.Jedis;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The docker driver's tests' engine (the one DOCKER_HOST names: .ci/run starts a private one with
 * deploy/docker-test-engine.sh, which also builds the images), and how they reach the instances it runs as a client.
 */
final class DockerInstances {
    static final Map<String, String> IMAGES = Map.of(
            "redis", "mockfactory/redis:7",
            "postgresql", "mockfactory/postgresql:15",
            "postgis", "mockfactory/postgresql:15",
            "postgresql_pgvector", "mockfactory/postgresql:15",
            "elasticmq", "mockfactory/elasticmq:1.7");
    static final Duration READINESS = Duration.ofSeconds(60);

    private DockerInstances() {
    }

    /** The engine, or the test is skipped, saying so, when no engine or no image is there. */
    static DockerClient engine() {
        String host = System.getenv("DOCKER_HOST");
        assumeTrue(host != null && !host.isBlank(), "DOCKER_HOST is not set: no Docker engine to test the docker driver against");
        DockerClient docker = DockerClients.connect(host);
        try {
            docker.pingCmd().exec();
            for (String image : IMAGES.values()) {
                docker.inspectImageCmd(image).exec();
            }
        } catch (RuntimeException e) {
            assumeTrue(false, "No usable Docker engine at " + host + " (or an image deploy/docker-test-engine.sh builds is missing): "
                    + e.getMessage());
        }
        return docker;
    }

    static Jedis redis(InstanceSpec spec) {
        Jedis redis = new Jedis("127.0.0.1", spec.port());
        redis.auth(spec.password());
        return redis;
    }

    static Connection connect(InstanceSpec spec, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + spec.port() + "/testdb", "postgres", password);
    }

    static double scalar(InstanceSpec spec, String query) throws SQLException {
        try (Connection db = connect(spec, spec.password()); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next());
            return rs.getDouble(1);
        }
    }

    static String sqs(int port, String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2012-11-05")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    static String firstMatch(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), regex + " in " + text);
        return matcher.group(1);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static InstanceSpec spec(String service, ResourceLimits limits) throws Exception {
        return new InstanceSpec(EventIds.newId("env"), service, "x", freePort(), EventIds.newId("pw").replace("-", ""), limits);
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
