package io.mockfactory.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The start-up table of what this stack can serve, as the provisioner's runtimes found it (the same answer
 * {@code GET /api/v1/catalog} gives), with the reason and the fix for each version it cannot.
 */
final class CatalogTable {
    private final int provisionerPort;
    private final Path internalTokenFile;

    CatalogTable(int provisionerPort, Path internalTokenFile) {
        this.provisionerPort = provisionerPort;
        this.internalTokenFile = internalTokenFile;
    }

    void print() {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + provisionerPort + "/internal/catalog"))
                    .header("X-Internal-Token", Files.readString(internalTokenFile).strip())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.print(render(new ObjectMapper().readTree(answer.body()).path("versions")));
        } catch (IOException | InterruptedException e) {
            System.out.println("  (the provisioner's catalog could not be read: " + e.getMessage() + ")");
        }
        System.out.flush();
    }

    static String render(JsonNode versions) {
        Map<String, StringBuilder> served = new LinkedHashMap<>();
        StringBuilder missing = new StringBuilder();
        for (JsonNode version : versions) {
            String type = version.path("type").asText();
            served.computeIfAbsent(type, key -> new StringBuilder());
            if (version.path("available").asBoolean()) {
                StringBuilder line = served.get(type);
                line.append(line.length() == 0 ? "" : ", ").append(version.path("version").asText());
            } else {
                missing.append(String.format("  %-24s %s%n  %-24s fix: %s%n", type + " " + version.path("version").asText(),
                        version.path("reason").asText(), "", version.path("fix").asText()));
            }
        }
        StringBuilder table = new StringBuilder("Service types and versions this stack serves (GET /api/v1/catalog):\n");
        served.forEach((type, list) -> table.append(String.format("  %-24s %s%n", type, list.length() == 0 ? "none" : list)));
        table.append(String.format("  %-24s %s%n", "aws_s3", "2006-03-01"));
        if (missing.length() > 0) {
            table.append("Not available here:\n").append(missing);
        }
        return table.append('\n').toString();
    }
}
