package io.mockfactory.cli.upload;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mockfactory upload}: the group of upload commands; alone, it is a usage error that lists them. */
@Command(name = "upload", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = {"Upload, list and delete files to seed environments from: a tar, gzipped tar or zip, unpacked"
                + " into a new environment's bucket with `env create --seed-objects UPLOAD_ID:BUCKET`, or a Redis RDB"
                + " file, loaded with `env create --seed-rdb UPLOAD_ID`."},
        subcommands = {CreateUploadCommand.class, ListUploadsCommand.class, DeleteUploadCommand.class})
public final class UploadCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing an upload command");
    }
}
