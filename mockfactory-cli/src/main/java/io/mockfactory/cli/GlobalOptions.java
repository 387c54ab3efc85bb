package io.mockfactory.cli;

import io.mockfactory.cli.output.OutputMode;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command takes, before or after its name; picocli sets them here whichever command names them. */
public final class GlobalOptions {
    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "MockFactory's address (else MOCKFACTORY_URL, else the login's, else http://localhost:8080)")
    private String url;

    @Option(names = "--api-key", paramLabel = "KEY", scope = ScopeType.INHERIT,
            description = "The API key (else MOCKFACTORY_API_KEY, else the login's). Other users can see a command "
                    + "line: prefer the variable or `mockfactory login`.")
    private String apiKey;

    @Option(names = "--output", paramLabel = "text|json", scope = ScopeType.INHERIT, defaultValue = "text",
            description = "text (tables and lines, the default) or json (for scripts)")
    private OutputMode output = OutputMode.TEXT;

    /** Null when not given. */
    public String url() {
        return url;
    }

    /** Null when not given. */
    public String apiKey() {
        return apiKey;
    }

    public OutputMode output() {
        return output;
    }
}
