package io.mockfactory.cli.login;

import io.mockfactory.cli.CliCommand;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.CliException;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.cli.config.ConfigStore;
import io.mockfactory.cli.config.StoredLogin;
import io.mockfactory.cli.output.Output;
import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.client.http.ClientSettings;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** {@code mockfactory login --url URL [--api-key KEY]} */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Check an API key against MockFactory, then store it with the URL in "
                + "$XDG_CONFIG_HOME/mockfactory/config (~/.config/mockfactory/config), readable by you only.",
                "Without --api-key the key is read from stdin: typed at a hidden prompt, or one line piped in "
                        + "(mockfactory login --url URL < key-file)."})
public final class LoginCommand extends CliCommand {
    public LoginCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        String key = context.options().apiKey() != null ? context.options().apiKey() : readKey();
        ClientSettings settings = context.settings(key);
        // Any authenticated read proves the key; the list of keys is one every key may read
        MockFactoryClient.of(settings).apiKeys().list();
        ConfigStore store = context.config();
        store.save(new StoredLogin(settings.baseUrl().toString(), settings.credential()));
        context.output().result(Output.fields("url", settings.baseUrl().toString(), "config_file", store.file().toString()),
                "Logged in to " + settings.baseUrl() + "; the key is stored in " + store.file());
        return ExitCodes.OK;
    }

    private String readKey() {
        String key;
        Console console = System.console();
        if (context.interactive() && console != null) {
            char[] typed = console.readPassword("MockFactory API key: ");
            key = typed == null ? null : new String(typed);
        } else {
            key = firstLine();
        }
        if (key == null || key.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "No API key: give --api-key, or the key on stdin "
                    + "(mockfactory login --url URL < key-file)");
        }
        return key.strip();
    }

    /** One line only: the rest of stdin is not ours to read. */
    private String firstLine() {
        try {
            return new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException unreadable) {
            throw new CliException(ExitCodes.FAILURE, "Cannot read the API key from stdin: " + unreadable.getMessage(),
                    unreadable);
        }
    }
}
