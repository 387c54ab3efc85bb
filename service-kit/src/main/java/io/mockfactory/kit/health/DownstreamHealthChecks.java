package io.mockfactory.kit.health;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A health check per service this one cannot work without, from {@code mockfactory.health.downstream} (names) and
 * {@code mockfactory.services.<name>.url}.
 */
@Factory
public class DownstreamHealthChecks {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Singleton
    List<HealthCheck> downstream(@Value("${mockfactory.health.downstream:}") List<String> names, Environment environment) {
        return names.stream().filter(name -> !name.isBlank()).map(name -> (HealthCheck) new Downstream(name,
                environment.getProperty("mockfactory.services." + name + ".url", String.class)
                        .orElseThrow(() -> new IllegalStateException("mockfactory.services." + name + ".url is not set"))))
                .toList();
    }

    private record Downstream(String service, String url) implements HealthCheck {
        @Override
        public String name() {
            return service + "-service";
        }

        @Override
        public void check() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("answered " + status);
            }
        }
    }
}
