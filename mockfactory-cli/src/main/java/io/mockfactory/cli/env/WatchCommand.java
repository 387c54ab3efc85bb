package io.mockfactory.cli.env;

import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.cli.output.Output;
import io.mockfactory.client.environment.LifecycleEvent;
import picocli.CommandLine.Command;

import java.util.Map;
import java.util.StringJoiner;

/** {@code mockfactory env watch ID}: the lifecycle live, until the environment is destroyed or Ctrl-C. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Print an environment's lifecycle events as they happen: its history first, then live ones.",
                "Ends after EnvironmentDestroyed, or on Ctrl-C. With --output json, one JSON object per line."})
public final class WatchCommand extends OneEnvironmentCommand {
    public WatchCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Output output = context.output();
        context.client().environments().watch(id, event -> {
            if (output.isJson()) {
                output.jsonLine(json(event));
            } else {
                output.line(text(event));
            }
        });
        return ExitCodes.OK;
    }

    /** {@code 2025-05-01T10:00:01Z  ServiceReady  service=aws_s3 version=latest ...} (payloads hold no secret) */
    static String text(LifecycleEvent event) {
        StringJoiner fields = new StringJoiner(" ");
        event.payload().fields().forEachRemaining(field -> fields.add(field.getKey() + "="
                + (field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString())));
        return event.occurredAt() + "  " + event.type() + (fields.length() == 0 ? "" : "  " + fields);
    }

    private static Map<String, Object> json(LifecycleEvent event) {
        return Output.fields("event_id", event.eventId(), "type", event.type(),
                "occurred_at", event.occurredAt() == null ? null : event.occurredAt().toString(), "payload", event.payload());
    }
}
