package io.mockfactory.gateway.environment;

import io.micronaut.json.JsonMapper;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.gateway.input.JsonBody;
import io.mockfactory.kit.tier.TierLimits;
import io.mockfactory.kit.web.Problem;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeds as the create route reads them: each type's form, its bounds, and refusals naming the field. */
class SeedValidatorTest {
    private static final TierLimits LIMITS = new TierLimits(120, 5, 6, 15, 1L << 30);
    private final JsonMapper json = JsonMapper.createDefault();
    private final CreateEnvironmentValidator validator = new CreateEnvironmentValidator(new Catalog((type, version) -> Optional.<Availability>empty()));

    private CreateEnvironment validate(String services) {
        String body = "{\"name\":\"seeded\",\"services\":" + services + "}";
        return validator.validate(JsonBody.parse(body.getBytes(StandardCharsets.UTF_8), json), "beginner", LIMITS,
                snapshotId -> Optional.empty());
    }

    private List<String> refusedFields(String services, ProblemType expected) {
        ProblemException refused = assertThrows(ProblemException.class, () -> validate(services));
        assertEquals(expected, refused.type(), refused.errors().toString());
        return refused.errors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void shouldCarryEachTypesSeedInTheCommandApartFromTheServices() {
        CreateEnvironment command = validate("{\"postgis\":{\"seed\":{\"sql\":\"CREATE TABLE t (id int); INSERT INTO t VALUES (1)\"}},"
                + "\"redis\":{\"seed\":{\"commands\":[[\"SET\",\"k\",\"v 1\"],\"HSET h f 'a b'\"]}},"
                + "\"elasticmq\":{\"seed\":{\"queues\":[{\"name\":\"jobs.fifo\",\"messages\":[\"one\",\"two\"]},{\"name\":\"empty\"}]}},"
                + "\"postgresql\":{}}");
        assertEquals(ServiceSeed.ofSql("CREATE TABLE t (id int); INSERT INTO t VALUES (1)"), command.seeds().get("postgis"));
        assertEquals(List.of(List.of("SET", "k", "v 1"), List.of("HSET", "h", "f", "a b")), command.seeds().get("redis").commands());
        assertEquals(List.of(new ServiceSeed.QueueSeed("jobs.fifo", List.of("one", "two")), new ServiceSeed.QueueSeed("empty", List.of())),
                command.seeds().get("elasticmq").queues());
        assertEquals(3, command.seeds().size(), "postgresql asked for no seed");
        assertEquals(4, command.services().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"postgresql\":{\"seed\":{\"sql\":\"  \"}}}",
            "{\"postgresql\":{\"seed\":{\"sql\":42}}}",
            "{\"postgresql\":{\"seed\":{}}}",
            "{\"postgresql\":{\"seed\":\"select 1\"}}",
            "{\"redis\":{\"seed\":{\"commands\":[]}}}",
            "{\"redis\":{\"seed\":{\"commands\":\"SET k v\"}}}",
            "{\"redis\":{\"seed\":{\"commands\":[[\"SET\",1,\"v\"]]}}}",
            "{\"redis\":{\"seed\":{\"commands\":[\"SET k \\\"v\"]}}}",
            "{\"redis\":{\"seed\":{\"commands\":[\"  \"]}}}",
            "{\"redis\":{\"seed\":{\"commands\":[[\"shutdown\"]]}}}",
            "{\"redis\":{\"seed\":{\"commands\":[\"CONFIG SET requirepass x\"]}}}",
            "{\"redis\":{\"seed\":{\"commands\":[\"BLPOP k 29\"]}}}",
            "{\"redis\":{\"seed\":{\"commands\":[\"SET k \\\"a\\\\x00b\\\"\"]}}}",
            "{\"elasticmq\":{\"seed\":{\"queues\":[{\"name\":\"has space\"}]}}}",
            "{\"elasticmq\":{\"seed\":{\"queues\":[{\"name\":\"q\",\"messages\":[\"\"]}]}}}",
            "{\"elasticmq\":{\"seed\":{\"queues\":[{\"name\":\"q\",\"messages\":[7]}]}}}",
            "{\"elasticmq\":{\"seed\":{\"queues\":{}}}}"})
    void shouldRefuseASeedOfTheWrongShapeNamingItsField(String services) {
        List<String> fields = refusedFields(services, ProblemType.VALIDATION_FAILED);
        assertTrue(fields.stream().allMatch(f -> f.startsWith("services.") && f.contains(".seed")), fields.toString());
    }

    @Test
    void shouldBoundTheSeedsOfOneRequestTogether() {
        String half = "x".repeat(SeedValidator.MAX_SEED_BYTES / 2 + 1);
        List<String> fields = refusedFields("{\"postgresql\":{\"seed\":{\"sql\":\"" + half + "\"}},\"postgis\":{\"seed\":{\"sql\":\""
                + half + "\"}}}", ProblemType.VALIDATION_FAILED);
        assertEquals(List.of("services.postgis.seed"), fields, "the second seed is the one over the limit");
        validate("{\"postgresql\":{\"seed\":{\"sql\":\"" + half + "\"}}}");
    }

    @Test
    void shouldCountEscapesAsTheCommandCarriesThem() {
        // 100k control characters are 600k bytes once JSON-escaped
        String controls = "\\u0001".repeat(100_000);
        assertEquals(List.of("services.redis.seed"), refusedFields("{\"redis\":{\"seed\":{\"commands\":[[\"SET\",\"k\",\""
                + controls + "\"]]}}}", ProblemType.VALIDATION_FAILED));
    }

    /** 200k one-letter arguments are 200 KB of text and 1 MB of JSON once quoted and separated. */
    @Test
    void shouldCountEachArgumentsQuotesAndSeparator() {
        String words = " a".repeat(200_000);
        assertEquals(List.of("services.redis.seed"), refusedFields("{\"redis\":{\"seed\":{\"commands\":[\"SADD k" + words
                + "\"]}}}", ProblemType.VALIDATION_FAILED));
    }

    @Test
    void shouldTakeQueueNamesAsLongAsSqsDoes() {
        String eighty = "q".repeat(80);
        assertEquals(eighty, validate("{\"elasticmq\":{\"seed\":{\"queues\":[{\"name\":\"" + eighty + "\"}]}}}")
                .seeds().get("elasticmq").queues().get(0).name());
        refusedFields("{\"elasticmq\":{\"seed\":{\"queues\":[{\"name\":\"" + eighty + ".fifo\"}]}}}", ProblemType.VALIDATION_FAILED);
    }

    @Test
    void shouldSplitCommandLinesAsRedisCliDoes() {
        assertEquals(List.of("SET", "k", "a \"b\"\n", "it's", "\u00ff"), RedisCommandLine.split("SET  k \"a \\\"b\\\"\\n\" 'it\\'s' \"\\xff\""));
        assertEquals(null, RedisCommandLine.split("SET k 'open"));
        assertEquals(null, RedisCommandLine.split("SET k \"a\"b"));
        assertEquals(List.of(), RedisCommandLine.split("   "));
    }
}
