package io.mockfactory.cli.env;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.client.environment.Environment;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/** {@code mockfactory env ls} */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
        description = "List all your environments, newest first (every page).")
public final class ListCommand extends CliCommand {
    public ListCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        List<Environment> environments = new ArrayList<>();
        context.client().environments().all().forEach(environments::add);
        new EnvironmentPrinter(context.output()).printAll(environments);
        return ExitCodes.OK;
    }
}
