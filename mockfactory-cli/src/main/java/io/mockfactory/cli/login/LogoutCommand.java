package io.mockfactory.cli.login;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.cli.config.ConfigStore;
import io.mockfactory.cli.output.Output;
import picocli.CommandLine.Command;

/** {@code mockfactory logout}: deletes the stored login; the key itself stays valid (revoke it in the API). */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Delete the config file `mockfactory login` wrote. The key stays valid until you revoke it.")
public final class LogoutCommand extends CliCommand {
    public LogoutCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        ConfigStore store = context.config();
        boolean removed = store.delete();
        context.output().result(Output.fields("removed", removed, "config_file", store.file().toString()),
                removed ? "Logged out: removed " + store.file() : "Not logged in: there is no " + store.file());
        return ExitCodes.OK;
    }
}
