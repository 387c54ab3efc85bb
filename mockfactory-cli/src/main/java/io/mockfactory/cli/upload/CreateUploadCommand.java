package io.mockfactory.cli.upload;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code mockfactory upload create FILE [--name N]} */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Upload a tar, gzipped tar or zip file, or a Redis RDB file, as it is; it counts against your"
                + " storage quota until deleted.")
public final class CreateUploadCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The file to upload")
    private Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "A label for listings (default: the file's name)")
    private String name;

    public CreateUploadCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        new UploadPrinter(context.output()).print(context.client().uploads().create(file,
                name == null ? file.getFileName().toString() : name));
        return ExitCodes.OK;
    }
}
