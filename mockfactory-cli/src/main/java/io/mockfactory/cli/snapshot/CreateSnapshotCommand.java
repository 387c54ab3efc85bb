package io.mockfactory.cli.snapshot;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.client.snapshot.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;

/** {@code mockfactory snapshot create ENV_ID --name N [--timeout S]} */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Snapshot every service's data of a running environment (without stopping it) or a stopped one,"
                + " and wait until the snapshot is ready. Every type, as processes or containers, and S3; you keep at"
                + " most 20 snapshots.",
                "A snapshot that fails, or is not ready within --timeout, exits 5."})
public final class CreateSnapshotCommand extends CliCommand {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENV_ID", description = "The running or stopped environment's id (env_...)")
    private String environmentId;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Its name: 1 to 63 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit")
    private String name;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for it to be ready (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    public CreateSnapshotCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        // On stderr, so a script reading stdout gets the snapshot alone; the copy may take a while
        context.err().println("snapshotting " + environmentId + " (a running one keeps running)...");
        context.err().flush();
        Snapshot snapshot = context.client().snapshots().create(environmentId, name, Duration.ofSeconds(timeoutSeconds));
        new SnapshotPrinter(context.output()).print(snapshot);
        return ExitCodes.OK;
    }
}
