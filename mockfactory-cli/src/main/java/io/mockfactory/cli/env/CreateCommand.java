package io.mockfactory.cli.env;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.environment.EnvironmentSpec;
import io.mockfactory.client.environment.Environments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code mockfactory env create --service TYPE[:VERSION]... [--seed TYPE=FILE]... [--name N] [--ttl MINUTES]
 * [--wait [--timeout S]]}
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an environment. It answers at once, still provisioning, unless --wait.",
                "With --wait, a progress line goes to stderr; a failure or timeout exits 5 and destroys nothing."})
public final class CreateCommand extends CliCommand {
    private static final String NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Spec
    private CommandSpec spec;

    @Option(names = "--service", required = true, paramLabel = "TYPE[:VERSION]", converter = ServiceNotation.Converter.class,
            description = "A service, repeatable: redis, redis:7, postgresql:16, aws_s3, elasticmq...")
    private List<ServiceNotation> services;

    @Option(names = "--seed", paramLabel = "TYPE=FILE", description = {"Data a service starts with, repeatable:"
            + " a SQL file for the PostgreSQL flavours, one redis-cli command per line for redis, one 'QUEUE BODY'"
            + " line per message for elasticmq. A seed that fails makes the environment failed."})
    private Map<String, Path> seeds = new LinkedHashMap<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Its name (default: cli-<random>)")
    private String name;

    @Option(names = "--ttl", paramLabel = "MINUTES",
            description = "Destroyed this many minutes after creation, whatever happens (default: no TTL)")
    private Integer ttlMinutes;

    @Option(names = "--wait", description = "Wait until it runs, showing progress on stderr")
    private boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long --wait waits (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    public CreateCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        Environments environments = context.client().environments();
        Environment created = environments.create(request());
        Environment shown = await ? awaitRunning(environments, created) : created;
        new EnvironmentPrinter(context.output()).print(shown);
        return ExitCodes.OK;
    }

    private EnvironmentSpec request() {
        EnvironmentSpec request = EnvironmentSpec.named(name != null ? name : generatedName());
        Set<String> types = new HashSet<>();
        for (ServiceNotation service : services) {
            if (!types.add(service.type())) {
                // The API takes one of each type: the later one would silently replace the first
                throw new ParameterException(spec.commandLine(), "--service " + service.type() + " is given twice");
            }
            request.serviceNotation(service.notation());
        }
        for (Map.Entry<String, Path> seed : seeds.entrySet()) {
            if (!types.contains(seed.getKey())) {
                throw new ParameterException(spec.commandLine(), "--seed " + seed.getKey() + " names no --service");
            }
            try {
                request.seedText(seed.getKey(), Files.readString(seed.getValue()));
            } catch (IOException | UncheckedIOException e) {
                throw new ParameterException(spec.commandLine(), "--seed " + seed.getKey() + ": cannot read "
                        + seed.getValue() + " (" + e.getClass().getSimpleName() + ")");
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--seed " + e.getMessage());
            }
        }
        if (ttlMinutes != null) {
            request.ttlMinutes(ttlMinutes);
        }
        return request;
    }

    /** Even one created running goes through the wait, which answers at once then, so the progress line always ends. */
    private Environment awaitRunning(Environments environments, Environment created) {
        try (ProgressLine progress = new ProgressLine(created.id(), context.err(), context.interactive())) {
            Environment running = environments.awaitRunningWithEvents(created.id(), Duration.ofSeconds(timeoutSeconds),
                    progress::accept);
            progress.finish(running.status());
            return running;
        }
    }

    static String generatedName() {
        StringBuilder name = new StringBuilder("cli-");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            name.append(NAME_LETTERS.charAt(random.nextInt(NAME_LETTERS.length())));
        }
        return name.toString();
    }
}
