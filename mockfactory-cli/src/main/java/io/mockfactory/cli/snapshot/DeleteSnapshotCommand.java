package io.mockfactory.cli.snapshot;

import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.cli.output.Output;
import picocli.CommandLine.Command;

/** {@code mockfactory snapshot rm SNAPSHOT_ID}, printed as {@code ID deleted} like the env transitions. */
@Command(name = "rm", aliases = "delete", mixinStandardHelpOptions = true,
        description = "Delete a snapshot and its data; environments made from it keep theirs.")
public final class DeleteSnapshotCommand extends OneSnapshotCommand {
    public DeleteSnapshotCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        context.client().snapshots().delete(id);
        context.output().result(Output.fields("id", id, "status", "deleted"), id + " deleted");
        return ExitCodes.OK;
    }
}
