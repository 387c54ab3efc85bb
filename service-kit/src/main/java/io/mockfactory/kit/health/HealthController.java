package io.mockfactory.kit.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 {@code {"status":"healthy"}} when every check passes, 503 {@code {"status":"unhealthy"}}
 * otherwise; {@code checks} says which. Checks run in parallel with one deadline, so a hung dependency cannot hang
 * the probe.
 */
@Controller("/health")
public class HealthController {
    private static final long DEADLINE_MILLIS = 4_000;

    private final List<HealthCheck> checks = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "health-check");
        thread.setDaemon(true);
        return thread;
    });

    public HealthController(List<HealthCheck> checks, List<List<HealthCheck>> groups) {
        this.checks.addAll(checks);
        groups.forEach(this.checks::addAll);
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<HealthReport> health() {
        Map<String, CompletableFuture<String>> running = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            running.put(check.name(), CompletableFuture.supplyAsync(() -> run(check), executor));
        }
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        Map<String, String> results = new LinkedHashMap<>();
        running.forEach((name, future) -> results.put(name, await(future, deadline)));
        boolean healthy = results.values().stream().allMatch("up"::equals);
        HealthReport report = new HealthReport(healthy ? "healthy" : "unhealthy", results);
        return HttpResponse.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
    }

    private static String run(HealthCheck check) {
        try {
            check.check();
            return "up";
        } catch (Exception e) {
            return "down: " + e.getClass().getSimpleName();
        }
    }

    private static String await(CompletableFuture<String> future, long deadline) {
        try {
            return future.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return "down: no answer within " + DEADLINE_MILLIS / 1000 + " s";
        }
    }
}
