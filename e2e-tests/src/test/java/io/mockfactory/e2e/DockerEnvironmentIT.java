package io.mockfactory.e2e;

import io.mockfactory.events.EventIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Redis environment whose instance is a container: the provisioner on the docker runtime (DOCKER_HOST, which
 * .ci/run points at a private engine). Skips, saying so, where no engine is reachable.
 */
class DockerEnvironmentIT {
    private static TestStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String host = System.getenv("DOCKER_HOST");
        assumeTrue(host != null && !host.isBlank(), "DOCKER_HOST is not set: no Docker engine for the docker runtime");
        assumeTrue(dockerAnswers(host), "the Docker engine at " + host + " does not answer");
        stack = new TestStack("docker", Map.of("MOCKFACTORY_PROVISIONER_RUNTIME", "docker",
                "MOCKFACTORY_PROVISIONER_DOCKER_HOST", host));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldServeRedisFromAContainerThroughTheWholeStack() throws Exception {
        String auth = register();
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments"))
                .header("Content-Type", "application/json").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"in-docker\",\"services\":{\"redis\":{}}}")));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("running", Json.field(created.body(), "status"), created.body());
        String id = Json.field(created.body(), "id");
        String credentials = send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments/" + id + "/credentials"))
                .header("Authorization", auth).GET()).body();
        try (Jedis redis = new Jedis("localhost", Integer.parseInt(Json.number(credentials, "port")))) {
            redis.auth(Json.field(credentials, "password"));
            assertEquals("OK", redis.set("where", "container"));
        }
        assertTrue(containerExists("mf-" + id + "-redis"), "the instance is the container mf-<environment>-redis");

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/environments/" + id))
                .header("Authorization", auth).DELETE());
        assertEquals("destroyed", Json.field(deleted.body(), "status"), deleted.body());
        Eventually.await("the container to be removed", Duration.ofSeconds(15), () -> !containerExists("mf-" + id + "-redis"));
    }

    private static boolean dockerAnswers(String host) {
        try {
            return new ProcessBuilder("docker", "-H", host, "info").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean containerExists(String name) throws Exception {
        return new ProcessBuilder("docker", "-H", System.getenv("DOCKER_HOST"), "inspect", name).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }

    private String register() throws Exception {
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(stack.baseUrl + "/api/v1/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"docker-"
                        + EventIds.newId("e").substring(2, 12).toLowerCase() + "@example.com\",\"password\":"
                        + "\"correct-Horse-battery-9\",\"full_name\":\"Docker Tester\"}")));
        return "Bearer " + Json.field(registered.body(), "access_token");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
