package io.mockfactory.cli.env;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mockfactory env}: the group of environment commands; alone, it is a usage error that lists them. */
@Command(name = "env", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Create, clone, list, inspect, watch, stop, start and destroy environments.",
        subcommands = {CreateCommand.class, CloneCommand.class, ListCommand.class, GetCommand.class, CredsCommand.class,
                StopCommand.class, StartCommand.class, RemoveCommand.class, WatchCommand.class})
public final class EnvCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing an env command");
    }
}
