package io.mockfactory.cli.snapshot;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import picocli.CommandLine.Parameters;

/** A command about one snapshot, named by its id. */
abstract class OneSnapshotCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "SNAPSHOT_ID", description = "The snapshot's id (snap_...)")
    protected String id;

    OneSnapshotCommand(CliContext context) {
        super(context);
    }
}
