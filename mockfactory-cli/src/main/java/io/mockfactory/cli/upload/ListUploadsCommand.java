package io.mockfactory.cli.upload;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.client.upload.Upload;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/** {@code mockfactory upload ls} */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
        description = "List all your uploads, newest first (every page).")
public final class ListUploadsCommand extends CliCommand {
    public ListUploadsCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        List<Upload> uploads = new ArrayList<>();
        context.client().uploads().all().forEach(uploads::add);
        new UploadPrinter(context.output()).printAll(uploads);
        return ExitCodes.OK;
    }
}
