package io.mockfactory.e2e;

import io.mockfactory.localstack.ServiceProcess;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Instances survive a provisioner crash (adopted) and a clean restart (resumed). */
class ProvisionerRecoveryIT extends OnLifecycleStack {

    @Test
    void shouldAdoptInstancesAfterAProvisionerCrashAndResumeThemAfterACleanRestart() throws Exception {
        String auth = newUser();
        String id = Json.field(post("/api/v1/environments", "{\"name\":\"survivor\",\"services\":{\"redis\":{}}}", auth).body(), "id");
        String credentials = credentials(id, auth);
        int port = Integer.parseInt(Json.number(credentials, "port"));
        String password = Json.field(credentials, "password");
        try (Jedis redis = new Jedis("localhost", port)) {
            redis.auth(password);
            redis.set("kept", "yes");
        }

        try {
            stack.provisioner().kill();
            assertEquals(1, redisProcessesOn(port), "the instance outlives a SIGKILLed provisioner");
            restart(stack.provisioner());
            Thread.sleep(1000);
            assertEquals(1, redisProcessesOn(port), "the restarted provisioner adopts it rather than starting a second one");
            assertEquals("running", Json.field(get("/api/v1/environments/" + id, auth).body(), "status"));

            stack.provisioner().stop(Duration.ofSeconds(30));
            assertEquals(0, redisProcessesOn(port), "a clean provisioner stop takes its instances down");
            restart(stack.provisioner());
            Eventually.await("the instance to be resumed", Duration.ofSeconds(30), () -> redisProcessesOn(port) == 1);
            try (Jedis redis = new Jedis("localhost", port)) {
                redis.auth(password);
                assertEquals("yes", redis.get("kept"));
            }
            destroy(id, auth);
            assertEquals(0, redisProcessesOn(port));
        } finally {
            if (!stack.provisioner().isAlive()) {
                restart(stack.provisioner());
            }
        }
    }

    private static ServiceProcess restart(ServiceProcess previous) throws Exception {
        return stack.restart(previous);
    }
}
