package io.mockfactory.cli.snapshot;

import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code mockfactory snapshot get SNAPSHOT_ID} */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show one snapshot: its status, the environment it was taken of, its services and sizes.")
public final class GetSnapshotCommand extends OneSnapshotCommand {
    public GetSnapshotCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        new SnapshotPrinter(context.output()).print(context.client().snapshots().get(id));
        return ExitCodes.OK;
    }
}
