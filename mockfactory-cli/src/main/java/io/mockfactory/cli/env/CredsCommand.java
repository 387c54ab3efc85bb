package io.mockfactory.cli.env;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.cli.output.Output;
import io.mockfactory.client.credentials.Credentials;
import io.mockfactory.client.credentials.ServiceCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code mockfactory env creds ID [--format json|env|url]}: the one command that prints secrets, by design. */
@Command(name = "creds", aliases = "credentials", mixinStandardHelpOptions = true,
        description = {"Print the services' real credentials (passwords included).",
                "  env   export lines for sh: eval \"$(mockfactory env creds ID --format env)\"",
                "  url   one line per service: TYPE<TAB>URL or endpoint",
                "  json  the API's credentials JSON"})
public final class CredsCommand extends OneEnvironmentCommand {
    @Option(names = "--format", paramLabel = "json|env|url",
            description = "env (the default), url, or json (the default with --output json)")
    private CredentialFormat format;

    public CredsCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        Credentials credentials = context.client().environments().credentials(id);
        Output output = context.output();
        CredentialFormat chosen = format != null ? format : output.isJson() ? CredentialFormat.JSON : CredentialFormat.ENV;
        switch (chosen) {
            case JSON -> output.json(json(credentials));
            case ENV -> ShellExports.of(credentials).forEach(output::line);
            case URL -> credentials.all().values().forEach(service -> output.line(service.type() + "\t" + url(service)));
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(Credentials credentials) {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        credentials.all().forEach((type, service) -> services.put(type, service.asJson()));
        return Map.of("services", services);
    }

    /** What a client connects with: the URL with its password (Redis, PostgreSQL), else the endpoint (S3, SQS). */
    static String url(ServiceCredentials service) {
        JsonNode fields = service.asJson();
        return fields.hasNonNull("url") ? fields.get("url").asText()
                : fields.hasNonNull("endpoint") ? fields.get("endpoint").asText() : service.address();
    }
}
