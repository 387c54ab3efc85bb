package io.mockfactory.cli.upload;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mockfactory upload rm UPLOAD_ID}, printed as {@code ID deleted} like the other deletes. */
@Command(name = "rm", aliases = "delete", mixinStandardHelpOptions = true,
        description = "Delete an upload; environments seeded from it keep their objects.")
public final class DeleteUploadCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "UPLOAD_ID", description = "The upload's id (upl_...)")
    private String id;

    public DeleteUploadCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        context.client().uploads().delete(id);
        context.output().result(Output.fields("id", id, "status", "deleted"), id + " deleted");
        return ExitCodes.OK;
    }
}
