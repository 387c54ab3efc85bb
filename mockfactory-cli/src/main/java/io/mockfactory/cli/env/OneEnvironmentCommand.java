package io.mockfactory.cli.env;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import picocli.CommandLine.Parameters;

/** A command about one environment, named by its id. */
abstract class OneEnvironmentCommand extends CliCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The environment's id (env_...)")
    protected String id;

    OneEnvironmentCommand(CliContext context) {
        super(context);
    }
}
