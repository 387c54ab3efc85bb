package io.mockfactory.cli.snapshot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mockfactory snapshot}: the group of snapshot commands; alone, it is a usage error that lists them. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = {"Take, list, inspect and delete snapshots: copies of an environment's data (every service type)"
                + " to start new environments from, with `env create --from-snapshot`."},
        subcommands = {CreateSnapshotCommand.class, ListSnapshotsCommand.class, GetSnapshotCommand.class,
                DeleteSnapshotCommand.class})
public final class SnapshotCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a snapshot command");
    }
}
