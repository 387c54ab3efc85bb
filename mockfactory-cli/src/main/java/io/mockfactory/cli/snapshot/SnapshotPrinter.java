package io.mockfactory.cli.snapshot;

import io.mockfactory.cli.output.Output;
import io.mockfactory.cli.output.Table;
import io.mockfactory.client.snapshot.Snapshot;
import io.mockfactory.client.snapshot.SnapshotService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Snapshots on stdout, as the env commands print environments: a detail view or a table, or the API's JSON fields. */
final class SnapshotPrinter {
    private final Output output;

    SnapshotPrinter(Output output) {
        this.output = output;
    }

    void print(Snapshot snapshot) {
        if (output.isJson()) {
            output.json(json(snapshot));
            return;
        }
        output.table(new Table()
                .row("id", snapshot.id())
                .row("name", snapshot.name())
                .row("status", snapshot.status())
                .row("of", snapshot.environmentId())
                .row("size", Output.size(snapshot.sizeBytes()))
                .row("created", snapshot.createdAt())
                .row("ready", snapshot.readyAt()));
        if (snapshot.lastError() != null) {
            output.line("error    " + snapshot.lastError());
        }
        if (!snapshot.services().isEmpty()) {
            Table services = new Table("SERVICE", "VERSION", "SIZE");
            snapshot.services().forEach(service -> services.row(service.type(), service.version(), Output.size(service.sizeBytes())));
            output.line("");
            output.table(services);
        }
    }

    void printAll(List<Snapshot> snapshots) {
        if (output.isJson()) {
            output.json(snapshots.stream().map(SnapshotPrinter::json).collect(Collectors.toList()));
            return;
        }
        if (snapshots.isEmpty()) {
            output.line("No snapshots. Take one of an environment with: mockfactory snapshot create ENV_ID --name NAME");
            return;
        }
        Table table = new Table("ID", "NAME", "STATUS", "ENVIRONMENT", "SERVICES", "SIZE", "CREATED");
        snapshots.forEach(snapshot -> table.row(snapshot.id(), snapshot.name(), snapshot.status(), snapshot.environmentId(),
                snapshot.services().stream().map(SnapshotPrinter::notation).collect(Collectors.joining(",")),
                Output.size(snapshot.sizeBytes()), snapshot.createdAt()));
        output.table(table);
    }

    private static String notation(SnapshotService service) {
        return service.version() == null ? service.type() : service.type() + ":" + service.version();
    }

    /** The API's representation, rebuilt from the client's typed view (which keeps no raw JSON). */
    static Map<String, Object> json(Snapshot snapshot) {
        List<Map<String, Object>> services = new ArrayList<>();
        snapshot.services().forEach(service -> services.add(Output.fields("service", service.type(),
                "version", service.version(), "size_bytes", service.sizeBytes())));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", snapshot.id());
        json.put("environment_id", snapshot.environmentId());
        json.put("name", snapshot.name());
        json.put("status", snapshot.status());
        json.put("size_bytes", snapshot.sizeBytes());
        json.put("services", services);
        json.put("created_at", text(snapshot.createdAt()));
        json.put("ready_at", text(snapshot.readyAt()));
        json.put("last_error", snapshot.lastError());
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
