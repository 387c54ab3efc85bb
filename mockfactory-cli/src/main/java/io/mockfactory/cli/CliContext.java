package io.mockfactory.cli;

import io.mockfactory.cli.config.ConfigStore;
import io.mockfactory.cli.config.SettingsResolver;
import io.mockfactory.cli.output.Output;
import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.client.http.ClientSettings;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * What a command runs with: the process's environment and streams, passed in so that tests run commands in-process
 * with a config home and variables of their own; the global options as parsed; and what is built from them.
 */
public final class CliContext {
    /** Someone waits at a prompt: a few seconds of retries ride out a restart, the library's minute is too long. */
    public static final Duration RETRY_DEADLINE = Duration.ofSeconds(10);

    private final Map<String, String> environment;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration retryDeadline;
    private final boolean interactive;
    private final GlobalOptions options = new GlobalOptions();

    public CliContext(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err,
                      Duration retryDeadline, boolean interactive) {
        this.environment = Map.copyOf(environment);
        this.in = in;
        this.out = out;
        this.err = err;
        this.retryDeadline = retryDeadline;
        this.interactive = interactive;
    }

    /** This process's: UTF-8 output whatever the locale, since JSON must be UTF-8 and API messages may not be ASCII. */
    static CliContext ofProcess() {
        return new CliContext(System.getenv(), System.in, utf8(FileDescriptor.out), utf8(FileDescriptor.err),
                RETRY_DEADLINE, System.console() != null);
    }

    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new FileOutputStream(descriptor), true, StandardCharsets.UTF_8);
    }

    public GlobalOptions options() {
        return options;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** Whether a person sits at a terminal (a prompt can hide what they type, a progress line can redraw itself). */
    public boolean interactive() {
        return interactive;
    }

    public ConfigStore config() {
        return ConfigStore.locate(environment);
    }

    public Output output() {
        return new Output(options.output(), out, err);
    }

    /** Where and as whom to call, resolved from the options, the variables and the login; see {@link SettingsResolver}. */
    public ClientSettings settings(String apiKey) {
        try {
            return SettingsResolver.resolve(options.url(), apiKey, environment, config().load())
                    .withRetryDeadline(retryDeadline);
        } catch (IllegalArgumentException badUrl) {
            throw new CliException(ExitCodes.USAGE, badUrl.getMessage());
        }
    }

    /** The client as the options, the variables and the login say. */
    public MockFactoryClient client() {
        return MockFactoryClient.of(settings(options.apiKey()));
    }
}
