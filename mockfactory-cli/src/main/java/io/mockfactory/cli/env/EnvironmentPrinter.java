package io.mockfactory.cli.env;

import io.mockfactory.cli.output.Output;
import io.mockfactory.cli.output.Table;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.environment.ServiceInfo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Environments on stdout: a detail view or a table for people, or the API's own field names in JSON for scripts. */
final class EnvironmentPrinter {
    private final Output output;

    EnvironmentPrinter(Output output) {
        this.output = output;
    }

    void print(Environment environment) {
        if (output.isJson()) {
            output.json(json(environment));
            return;
        }
        output.table(new Table()
                .row("id", environment.id())
                .row("name", environment.name())
                .row("status", environment.status())
                .row("created", environment.createdAt())
                .row("expires", environment.expiresAt() == null ? "never (no TTL)" : environment.expiresAt()));
        if (environment.lastError() != null) {
            output.line("error    " + environment.lastError());
        }
        Table services = new Table("SERVICE", "VERSION", "STATUS", "PORT", "ENDPOINT");
        environment.services().values().forEach(service -> services.row(service.type(), service.version(),
                service.status(), service.port(), environment.endpoints().get(service.type())));
        output.line("");
        output.table(services);
    }

    void printAll(List<Environment> environments) {
        if (output.isJson()) {
            output.json(environments.stream().map(EnvironmentPrinter::json).collect(Collectors.toList()));
            return;
        }
        if (environments.isEmpty()) {
            output.line("No environments. Create one with: mockfactory env create --service TYPE[:VERSION]");
            return;
        }
        Table table = new Table("ID", "NAME", "STATUS", "SERVICES", "CREATED", "EXPIRES");
        environments.forEach(environment -> table.row(environment.id(), environment.name(), environment.status(),
                environment.services().values().stream().map(EnvironmentPrinter::notation).collect(Collectors.joining(",")),
                environment.createdAt(), environment.expiresAt()));
        output.table(table);
    }

    private static String notation(ServiceInfo service) {
        return service.version() == null ? service.type() : service.type() + ":" + service.version();
    }

    /** The API's representation, rebuilt from the client's typed view (which keeps no raw JSON). */
    static Map<String, Object> json(Environment environment) {
        Map<String, Object> services = new LinkedHashMap<>();
        environment.services().values().forEach(service -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("version", service.version());
            fields.put("status", service.status());
            fields.put("port", service.port());
            services.put(service.type(), fields);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", environment.id());
        json.put("name", environment.name());
        json.put("status", environment.status());
        json.put("services", services);
        json.put("endpoints", environment.endpoints());
        json.put("created_at", text(environment.createdAt()));
        json.put("started_at", text(environment.startedAt()));
        json.put("stopped_at", text(environment.stoppedAt()));
        json.put("expires_at", text(environment.expiresAt()));
        json.put("last_error", environment.lastError());
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
