package io.mockfactory.cli.env;

import io.mockfactory.client.credentials.AwsCredentials;
import io.mockfactory.client.credentials.Credentials;
import io.mockfactory.client.credentials.PostgresCredentials;
import io.mockfactory.client.credentials.ServiceCredentials;
import io.mockfactory.client.credentials.SqsCredentials;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code env creds --format env}: {@code export NAME='value'} lines for sh, bash and zsh, to
 * {@code eval "$(mockfactory env creds ID --format env)"}. Every field of every service becomes
 * {@code MOCKFACTORY_<TYPE>_<FIELD>} ({@code MOCKFACTORY_REDIS_URL}, {@code MOCKFACTORY_AWS_S3_ENDPOINT}); beside
 * them, the variables the usual tools read by themselves: libpq's {@code PG*} and the AWS SDKs' {@code AWS_*}.
 */
public final class ShellExports {
    private ShellExports() {
    }

    public static List<String> of(Credentials credentials) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (ServiceCredentials service : credentials.all().values()) {
            String prefix = "MOCKFACTORY_" + namePart(service.type()) + "_";
            service.asJson().fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    variables.put(prefix + namePart(field.getKey()), field.getValue().asText());
                }
            });
            if (service instanceof PostgresCredentials postgres) {
                variables.put(prefix + "JDBC_URL", postgres.jdbcUrl());
                libpq(variables, postgres);
            } else if (service instanceof AwsCredentials aws) {
                awsSdk(variables, aws);
            }
        }
        List<String> lines = new ArrayList<>();
        variables.forEach((name, value) -> lines.add("export " + name + "=" + quote(value)));
        return lines;
    }

    /** One shell has one PGHOST: the first PostgreSQL service sets them; the others have their MOCKFACTORY_ names. */
    private static void libpq(Map<String, String> variables, PostgresCredentials postgres) {
        if (!variables.containsKey("PGHOST")) {
            variables.put("PGHOST", postgres.host());
            variables.put("PGPORT", String.valueOf(postgres.port()));
            variables.put("PGUSER", postgres.username());
            variables.put("PGPASSWORD", postgres.password());
            variables.put("PGDATABASE", postgres.database());
        }
    }

    /** Likewise the first AWS service sets the key pair; the endpoint variables are per service in the SDKs. */
    private static void awsSdk(Map<String, String> variables, AwsCredentials aws) {
        if (!variables.containsKey("AWS_ACCESS_KEY_ID")) {
            variables.put("AWS_ACCESS_KEY_ID", aws.accessKeyId());
            variables.put("AWS_SECRET_ACCESS_KEY", aws.secretAccessKey());
            variables.put("AWS_REGION", aws.region());
        }
        variables.put(aws instanceof SqsCredentials ? "AWS_ENDPOINT_URL_SQS" : "AWS_ENDPOINT_URL_S3", aws.address());
    }

    /** {@code aws_s3} to {@code AWS_S3}: what a shell variable's name may hold. */
    static String namePart(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * Single quotes keep everything literal in sh ($, `, \, spaces, newlines); a single quote itself ends the
     * quoting, comes escaped, and the quoting starts again: {@code it's} becomes {@code 'it'\''s'}.
     */
    public static String quote(String value) {
        return "'" + (value == null ? "" : value.replace("'", "'\\''")) + "'";
    }
}
