package io.mockfactory.cli.env;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockfactory.client.credentials.Credentials;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellExportsTest {
    private static final String CREDENTIALS = "{\"services\":{"
            + "\"redis\":{\"url\":\"redis://default:p%40ss@127.0.0.1:41001\",\"host\":\"127.0.0.1\",\"port\":41001,"
            + "\"username\":\"default\",\"password\":\"p@ss\"},"
            + "\"postgresql_pgvector\":{\"url\":\"postgresql://u:pw@127.0.0.1:41002/db\",\"host\":\"127.0.0.1\","
            + "\"port\":41002,\"username\":\"u\",\"password\":\"it's $HOME `id` \\\\ a b\",\"database\":\"db\"},"
            + "\"aws_s3\":{\"endpoint\":\"http://127.0.0.1:9000\",\"region\":\"eu-west-1\",\"access_key_id\":\"AKIA1\","
            + "\"secret_access_key\":\"sec ret\"}}}";

    @Test
    void shouldQuoteForShWithSingleQuotes() {
        assertEquals("'plain'", ShellExports.quote("plain"));
        assertEquals("'two words'", ShellExports.quote("two words"));
        assertEquals("'it'\\''s'", ShellExports.quote("it's"));
        assertEquals("'$HOME `id`'", ShellExports.quote("$HOME `id`"));
        assertEquals("''", ShellExports.quote(""));
    }

    @Test
    void shouldExportEveryFieldAndTheVariablesTheUsualToolsRead() throws Exception {
        List<String> lines = ShellExports.of(credentials());

        assertTrue(lines.contains("export MOCKFACTORY_REDIS_URL='redis://default:p%40ss@127.0.0.1:41001'"), lines::toString);
        assertTrue(lines.contains("export MOCKFACTORY_REDIS_PORT='41001'"), lines::toString);
        assertTrue(lines.contains("export MOCKFACTORY_POSTGRESQL_PGVECTOR_JDBC_URL='jdbc:postgresql://127.0.0.1:41002/db'"),
                lines::toString);
        assertTrue(lines.containsAll(List.of("export PGHOST='127.0.0.1'", "export PGPORT='41002'", "export PGUSER='u'",
                "export PGDATABASE='db'")), lines::toString);
        assertTrue(lines.contains("export MOCKFACTORY_AWS_S3_ENDPOINT='http://127.0.0.1:9000'"), lines::toString);
        assertTrue(lines.containsAll(List.of("export AWS_ACCESS_KEY_ID='AKIA1'", "export AWS_SECRET_ACCESS_KEY='sec ret'",
                "export AWS_REGION='eu-west-1'", "export AWS_ENDPOINT_URL_S3='http://127.0.0.1:9000'")), lines::toString);
    }

    /** The proof that counts: sh itself reads back every value exactly. */
    @Test
    void shouldGiveShTheExactValuesBack() throws Exception {
        String script = String.join("\n", ShellExports.of(credentials()))
                + "\nprintf '%s|%s|%s' \"$PGPASSWORD\" \"$AWS_SECRET_ACCESS_KEY\" \"$MOCKFACTORY_REDIS_PASSWORD\"";
        Process sh = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String printed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, sh.waitFor(), printed);
        assertEquals("it's $HOME `id` \\ a b|sec ret|p@ss", printed);
    }

    @Test
    void shouldMakeVariableNamesOfServiceTypes() {
        assertEquals("AWS_S3", ShellExports.namePart("aws_s3"));
        assertEquals("SOME_NEW_TYPE", ShellExports.namePart("some-new.type"));
    }

    private static Credentials credentials() throws Exception {
        return Credentials.from(new ObjectMapper().readTree(CREDENTIALS));
    }
}
