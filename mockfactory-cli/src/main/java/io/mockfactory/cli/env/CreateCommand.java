package io.mockfactory.cli.env;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.environment.EnvironmentSpec;
import io.mockfactory.client.environment.Environments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code mockfactory env create (--service TYPE[:VERSION]... [--seed TYPE=FILE]... [--seed-objects UPLOAD_ID:BUCKET]
 * [--seed-rdb UPLOAD_ID] | --from-snapshot SNAPSHOT_ID)
 * [--name N] [--ttl MINUTES] [--wait [--timeout S]]}
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an environment, of --service options or from a snapshot (--from-snapshot). It answers at"
                + " once, still provisioning, unless --wait.",
                "With --wait, a progress line goes to stderr; a failure or timeout exits 5 and destroys nothing."})
public final class CreateCommand extends CliCommand {
    private static final String NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Spec
    private CommandSpec spec;

    // Not required by picocli: --from-snapshot stands in for it, which request() checks with messages of its own
    @Option(names = "--service", paramLabel = "TYPE[:VERSION]", converter = ServiceNotation.Converter.class,
            description = "A service, repeatable: redis, redis:7, postgresql:16, aws_s3, elasticmq... (or --from-snapshot)")
    private List<ServiceNotation> services = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "TYPE=FILE", description = {"Data a service starts with, repeatable:"
            + " a SQL file for the PostgreSQL flavours, one redis-cli command per line for redis, one 'QUEUE BODY'"
            + " line per message for elasticmq. A seed that fails makes the environment failed."})
    private Map<String, Path> seeds = new LinkedHashMap<>();

    @Option(names = "--seed-objects", paramLabel = "UPLOAD_ID:BUCKET", description = {"aws_s3 starts with the files"
            + " of one of your uploads (see `mockfactory upload`) as the objects of bucket BUCKET."})
    private String seedObjects;

    @Option(names = "--seed-rdb", paramLabel = "UPLOAD_ID", description = {"redis starts with the data set of one of"
            + " your uploads that is an RDB file (see `mockfactory upload`)."})
    private String seedRdb;

    @Option(names = "--from-snapshot", paramLabel = "SNAPSHOT_ID", description = {"Make it from one of your snapshots"
            + " (snap_..., see `mockfactory snapshot ls`): the snapshot's services, at the versions their data belongs"
            + " to, with its data and ports and passwords of their own. Instead of --service and --seed."})
    private String fromSnapshot;

    @Option(names = "--name", paramLabel = "NAME", description = "Its name (default: cli-<random>)")
    private String name;

    @Option(names = "--ttl", paramLabel = "MINUTES",
            description = "Destroyed this many minutes after creation, whatever happens (default: no TTL)")
    private Integer ttlMinutes;

    @Mixin
    private WaitOptions wait;

    public CreateCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        wait.validate();
        // The request first: a usage error is reported before any key is looked for or any call made
        EnvironmentSpec request = request();
        Environments environments = context.client().environments();
        Environment created = environments.create(request);
        new EnvironmentPrinter(context.output()).print(wait.shown(context, environments, created));
        return ExitCodes.OK;
    }

    private EnvironmentSpec request() {
        EnvironmentSpec request = EnvironmentSpec.named(name != null ? name : generatedName());
        if (ttlMinutes != null) {
            request.ttlMinutes(ttlMinutes);
        }
        if (fromSnapshot != null) {
            return fromSnapshot(request);
        }
        if (services.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing --service TYPE[:VERSION] (repeatable), or"
                    + " --from-snapshot SNAPSHOT_ID");
        }
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
        if (seedObjects != null) {
            int colon = seedObjects.indexOf(':');
            if (colon <= 0 || colon == seedObjects.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--seed-objects takes UPLOAD_ID:BUCKET, such as"
                        + " upl_...:fixtures");
            }
            if (!types.contains("aws_s3")) {
                throw new ParameterException(spec.commandLine(), "--seed-objects needs --service aws_s3");
            }
            request.seedObjects(seedObjects.substring(0, colon), seedObjects.substring(colon + 1));
        }
        if (seedRdb != null) {
            if (!types.contains("redis") || seeds.containsKey("redis")) {
                throw new ParameterException(spec.commandLine(), "--seed-rdb needs --service redis, and no --seed redis=…");
            }
            request.seedRdb(seedRdb);
        }
        return request;
    }

    /** The API refuses services beside a snapshot; refused here too, as a usage error that says why. */
    private EnvironmentSpec fromSnapshot(EnvironmentSpec request) {
        if (!services.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--from-snapshot and --service are mutually exclusive:"
                    + " an environment made from a snapshot gets the snapshot's services");
        }
        if (!seeds.isEmpty() || seedObjects != null || seedRdb != null) {
            throw new ParameterException(spec.commandLine(), "--from-snapshot and --seed are mutually exclusive:"
                    + " an environment made from a snapshot starts with the snapshot's data");
        }
        if (fromSnapshot.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--from-snapshot needs a snapshot id (snap_...)");
        }
        return request.fromSnapshot(fromSnapshot);
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
