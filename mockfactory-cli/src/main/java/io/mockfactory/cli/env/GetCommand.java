package io.mockfactory.cli.env;

import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code mockfactory env get ID} */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show one environment: its status, services and endpoints (passwords masked).")
public final class GetCommand extends OneEnvironmentCommand {
    public GetCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        new EnvironmentPrinter(context.output()).print(context.client().environments().get(id));
        return ExitCodes.OK;
    }
}
