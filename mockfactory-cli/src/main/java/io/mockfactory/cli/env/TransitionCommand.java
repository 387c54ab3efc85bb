package io.mockfactory.cli.env;

import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.cli.output.Output;
import io.mockfactory.client.environment.Environments;

/** stop, start and rm: one call that moves the environment to a new status, printed as {@code ID STATUS}. */
abstract class TransitionCommand extends OneEnvironmentCommand {
    TransitionCommand(CliContext context) {
        super(context);
    }

    /** @return the status the environment reached */
    abstract String apply(Environments environments, String environmentId);

    @Override
    public Integer call() {
        String status = apply(context.client().environments(), id);
        context.output().result(Output.fields("id", id, "status", status), id + " " + status);
        return ExitCodes.OK;
    }
}
