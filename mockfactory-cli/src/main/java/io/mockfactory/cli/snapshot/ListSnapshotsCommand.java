package io.mockfactory.cli.snapshot;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.client.snapshot.Snapshot;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/** {@code mockfactory snapshot ls} */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
        description = "List all your snapshots, newest first (every page).")
public final class ListSnapshotsCommand extends CliCommand {
    public ListSnapshotsCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        List<Snapshot> snapshots = new ArrayList<>();
        context.client().snapshots().all().forEach(snapshots::add);
        new SnapshotPrinter(context.output()).printAll(snapshots);
        return ExitCodes.OK;
    }
}
