package io.mockfactory.gateway.environment;

import io.micronaut.json.JsonMapper;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.events.command.CreateEnvironment;
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
import java.util.Map;
import java.time.Instant;
import io.mockfactory.internal.snapshot.SnapshotView;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateEnvironmentValidatorTest {
    private static final TierLimits BEGINNER = new TierLimits(120, 5, 6, 15, 1L << 30);
    private final JsonMapper json = JsonMapper.createDefault();
    /** Redis 7 cannot be served here; everything else can. */
    private final CreateEnvironmentValidator validator = new CreateEnvironmentValidator(new Catalog((type, version) ->
            type.equals("redis") && version.equals("7") ? Optional.of(Availability.missing("redis", "7",
                    "redis-server is not installed", "install it")) : Optional.empty()));

    private static final String READY_SNAPSHOT = "snap_AAAAAAAAAAAAAAAAAAAAAA";
    private static final String CREATING_SNAPSHOT = "snap_BBBBBBBBBBBBBBBBBBBBBB";
    /** The caller's snapshots: one ready (PostgreSQL 15 and Redis 6.2), one still being taken. */
    private static final Map<String, SnapshotView> SNAPSHOTS = Map.of(
            READY_SNAPSHOT, new SnapshotView(READY_SNAPSHOT, "env_source", "fixtures", SnapshotView.READY, 100,
                    List.of(new SnapshotView.SnapshotServiceView("postgresql", "15", 90),
                            new SnapshotView.SnapshotServiceView("redis", "6.2", 10)), Instant.EPOCH, Instant.EPOCH, null),
            CREATING_SNAPSHOT, new SnapshotView(CREATING_SNAPSHOT, "env_source", "later", SnapshotView.CREATING, 0,
                    List.of(), Instant.EPOCH, null, null));

    private CreateEnvironment validate(String body) {
        return validator.validate(JsonBody.parse(body.getBytes(StandardCharsets.UTF_8), json), "beginner", BEGINNER,
                snapshotId -> Optional.ofNullable(SNAPSHOTS.get(snapshotId)));
    }

    @Test
    void shouldGiveAnEnvironmentFromASnapshotTheSnapshotsServicesAtTheirVersions() {
        CreateEnvironment command = validate("{\"name\":\"branch\",\"from_snapshot\":\"" + READY_SNAPSHOT + "\",\"ttl_minutes\":30}");
        assertEquals(READY_SNAPSHOT, command.fromSnapshot());
        assertEquals("15", command.services().get("postgresql").version());
        assertEquals("6.2", command.services().get("redis").version());
        assertEquals(30, command.ttlMinutes());
        assertEquals(Map.of(), command.seeds());
    }

    @Test
    void shouldTakeServicesThatRestateTheSnapshotsOwn() {
        CreateEnvironment command = validate("{\"name\":\"branch\",\"from_snapshot\":\"" + READY_SNAPSHOT
                + "\",\"services\":{\"redis\":{\"version\":\"6.2\"},\"postgresql\":{\"version\":\"latest\"}}}");
        assertEquals("15", command.services().get("postgresql").version(), "the snapshot's version, always");
        assertEquals("6.2", command.services().get("redis").version());
    }

    @Test
    void shouldRefuseASnapshotThatIsNotTheCallersOrNotReadyOrComesWithServices() {
        assertEquals(List.of("from_snapshot"), fields(refusal("{\"name\":\"b\",\"from_snapshot\":\"snap_CCCCCCCCCCCCCCCCCCCCCC\"}")));
        assertEquals(List.of("from_snapshot"), fields(refusal("{\"name\":\"b\",\"from_snapshot\":\"../etc\"}")));
        assertEquals(List.of("from_snapshot"), fields(refusal("{\"name\":\"b\",\"from_snapshot\":null}")));
        assertEquals(List.of("services"), fields(refusal("{\"name\":\"b\",\"from_snapshot\":\"" + READY_SNAPSHOT
                + "\",\"services\":{\"redis\":{}}}")), "not every service of the snapshot");
        assertEquals(List.of("services"), fields(refusal("{\"name\":\"b\",\"from_snapshot\":\"" + READY_SNAPSHOT
                + "\",\"services\":{\"redis\":{\"version\":\"7\"},\"postgresql\":{}}}")), "another version");
        assertEquals(List.of("services"), fields(refusal("{\"name\":\"b\",\"from_snapshot\":\"" + READY_SNAPSHOT
                + "\",\"services\":{\"redis\":{\"seed\":{\"commands\":[\"SET a b\"]}},\"postgresql\":{}}}")), "a seed");
        ProblemException notReady = refusal("{\"name\":\"b\",\"from_snapshot\":\"" + CREATING_SNAPSHOT + "\"}");
        assertEquals(ProblemType.CONFLICT, notReady.type());
    }

    private static List<String> fields(ProblemException refused) {
        assertEquals(ProblemType.VALIDATION_FAILED, refused.type());
        return refused.errors().stream().map(Problem.FieldError::field).toList();
    }

    private ProblemException refusal(String body) {
        return assertThrows(ProblemException.class, () -> validate(body));
    }

    @Test
    void shouldReadEveryDocumentedFieldByItsWireName() {
        CreateEnvironment command = validate("{\"name\":\"ci\",\"ttl_minutes\":30,"
                + "\"services\":{\"redis\":{\"version\":\"6.2\"},\"aws_s3\":{\"region\":\"eu-west-1\"}}}");
        assertEquals("ci", command.name());
        assertEquals(30, command.ttlMinutes());
        assertEquals("6.2", command.services().get("redis").version());
        assertEquals("eu-west-1", command.services().get("aws_s3").options().get("region"));
    }

    @Test
    void shouldRefuseSeedFormsThisVersionCannotHonourRatherThanIgnoreThem() {
        ProblemException refused = refusal("{\"name\":\"ci\",\"services\":{"
                + "\"postgresql\":{\"seed\":{\"dump\":\"upl_2\"}}}}");
        assertEquals(ProblemType.FEATURE_UNAVAILABLE, refused.type());
        assertEquals(422, refused.type().status().getCode());
        assertEquals(List.of("services.postgresql.seed.dump"), refused.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void shouldReadARedisSeedOfAnUploadedRdbFileAndRefuseBadOnes() {
        CreateEnvironment command = validate("{\"name\":\"ci\",\"services\":{\"redis\":{\"seed\":{\"rdb\":"
                + "\"upl_AAAAAAAAAAAAAAAAAAAAAA\"}}}}");
        assertEquals("upl_AAAAAAAAAAAAAAAAAAAAAA", command.seeds().get("redis").rdb());
        assertEquals(null, command.seeds().get("redis").commands());
        assertEquals(List.of("services.redis.seed.rdb"), refusal("{\"name\":\"ci\",\"services\":{\"redis\":{\"seed\":"
                + "{\"rdb\":\"upl_1\"}}}}").errors().stream().map(Problem.FieldError::field).toList());
        assertEquals(List.of("services.redis.seed"), refusal("{\"name\":\"ci\",\"services\":{\"redis\":{\"seed\":"
                + "{\"rdb\":\"upl_AAAAAAAAAAAAAAAAAAAAAA\",\"commands\":[\"SET k v\"]}}}}").errors().stream()
                .map(Problem.FieldError::field).toList());
    }

    @Test
    void shouldReadAnS3SeedOfAnUploadsFilesAndRefuseBadOnes() {
        CreateEnvironment command = validate("{\"name\":\"ci\",\"services\":{\"aws_s3\":{\"seed\":{\"objects\":"
                + "{\"upload\":\"upl_AAAAAAAAAAAAAAAAAAAAAA\",\"bucket\":\"fixtures\"}}}}}");
        assertEquals("upl_AAAAAAAAAAAAAAAAAAAAAA", command.seeds().get("aws_s3").objects().upload());
        assertEquals("fixtures", command.seeds().get("aws_s3").objects().bucket());
        assertEquals(null, command.seeds().get("aws_s3").buckets());
        Map<String, String> bad = Map.of(
                "\"upl_3\"", "services.aws_s3.seed.objects",
                "{\"upload\":\"upl_x\",\"bucket\":\"fixtures\"}", "services.aws_s3.seed.objects.upload",
                "{\"upload\":\"upl_AAAAAAAAAAAAAAAAAAAAAA\"}", "services.aws_s3.seed.objects.bucket",
                "{\"upload\":\"upl_AAAAAAAAAAAAAAAAAAAAAA\",\"bucket\":\"No_Bucket\"}", "services.aws_s3.seed.objects.bucket");
        bad.forEach((objects, field) -> {
            ProblemException refused = refusal("{\"name\":\"ci\",\"services\":{\"aws_s3\":{\"seed\":{\"objects\":"
                    + objects + "}}}}");
            assertEquals(ProblemType.VALIDATION_FAILED, refused.type(), objects);
            assertEquals(List.of(field), refused.errors().stream().map(Problem.FieldError::field).toList(), objects);
        });
        ProblemException both = refusal("{\"name\":\"ci\",\"services\":{\"aws_s3\":{\"seed\":{\"objects\":"
                + "{\"upload\":\"upl_AAAAAAAAAAAAAAAAAAAAAA\",\"bucket\":\"fixtures\"},\"buckets\":[]}}}}");
        assertEquals(List.of("services.aws_s3.seed"), both.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void shouldReadAnS3SeedOfBucketsToCopyAndRefuseBadOnes() {
        CreateEnvironment command = validate("{\"name\":\"ci\",\"services\":{\"aws_s3\":{\"seed\":{\"buckets\":["
                + "{\"environment_id\":\"env_AAAAAAAAAAAAAAAAAAAAAA\",\"bucket\":\"fixtures\"}]}}}}");
        assertEquals("fixtures", command.seeds().get("aws_s3").buckets().get(0).bucket());
        assertEquals("env_AAAAAAAAAAAAAAAAAAAAAA", command.seeds().get("aws_s3").buckets().get(0).environmentId());
        for (String bad : List.of("[]", "\"fixtures\"", "[{\"environment_id\":\"env_x\",\"bucket\":\"fixtures\"}]",
                "[{\"environment_id\":\"env_AAAAAAAAAAAAAAAAAAAAAA\",\"bucket\":\"Not_A_Bucket\"}]",
                "[{\"environment_id\":\"env_AAAAAAAAAAAAAAAAAAAAAA\",\"bucket\":\"twice\"},"
                        + "{\"environment_id\":\"env_BBBBBBBBBBBBBBBBBBBBBB\",\"bucket\":\"twice\"}]")) {
            ProblemException refused = refusal("{\"name\":\"ci\",\"services\":{\"aws_s3\":{\"seed\":{\"buckets\":"
                    + bad + "}}}}");
            assertEquals(ProblemType.VALIDATION_FAILED, refused.type(), bad);
            assertTrue(refused.errors().get(0).field().startsWith("services.aws_s3.seed.buckets"), bad);
        }
    }

    @Test
    void shouldReportValidationErrorsBeforeWhatIsUnavailable() {
        ProblemException refused = refusal("{\"name\":\"\",\"services\":{\"redis\":{\"seed\":{}}}}");
        assertEquals(ProblemType.VALIDATION_FAILED, refused.type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "true", "[\"ci\"]", "{\"a\":1}"})
    void shouldRefuseANameThatIsNotAString(String name) {
        ProblemException refused = refusal("{\"name\":" + name + ",\"services\":{\"redis\":{}}}");
        assertEquals(ProblemType.VALIDATION_FAILED, refused.type());
        assertEquals("name", refused.errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "1.5", "\"30\"", "0", "-1", "10081", "99999999999999999999", "1e3"})
    void shouldRefuseATtlThatIsNotAWholeNumberInRange(String ttl) {
        ProblemException refused = refusal("{\"name\":\"ci\",\"services\":{\"redis\":{}},\"ttl_minutes\":" + ttl + "}");
        assertTrue(refused.errors().stream().map(Problem.FieldError::field).anyMatch("ttl_minutes"::equals), refused.errors().toString());
    }

    @Test
    void shouldResolveLatestToTheNewestVersionThatCanBeServed() {
        assertEquals("6.2", validate("{\"name\":\"ci\",\"services\":{\"redis\":{}}}").services().get("redis").version());
        assertEquals("17", validate("{\"name\":\"ci\",\"services\":{\"postgresql\":{\"version\":\"latest\"}}}")
                .services().get("postgresql").version());
    }

    @Test
    void shouldRefuseAVersionThatCannotBeServedNamingTheTypeAndTheFix() {
        ProblemException refused = refusal("{\"name\":\"ci\",\"services\":{\"redis\":{\"version\":\"7\"}}}");
        assertEquals(ProblemType.SERVICE_TYPE_UNAVAILABLE, refused.type());
        assertTrue(refused.getMessage().contains("redis 7") && refused.getMessage().contains("install it"), refused.getMessage());
        assertEquals("services.redis", refused.errors().get(0).field());
    }

    @Test
    void shouldRefuseAVersionThatIsNotAString() {
        ProblemException refused = refusal("{\"name\":\"ci\",\"services\":{\"redis\":{\"version\":6.2}}}");
        assertEquals("services.redis.version", refused.errors().get(0).field());
    }

    @Test
    void shouldRefuseNulAnywhereWithA400NamingTheField() {
        ProblemException refused = refusal("{\"name\":\"ci\\u0000\",\"services\":{\"redis\":{}}}");
        assertEquals(ProblemType.MALFORMED_REQUEST, refused.type());
        assertEquals("name", refused.errors().get(0).field());
        ProblemException nested = refusal("{\"name\":\"ci\",\"services\":{\"redis\":{\"extra\":[\"\\u0000\"]}}}");
        assertEquals("services.redis.extra[0]", nested.errors().get(0).field());
    }

    @Test
    void shouldRefuseAnUnpairedSurrogate() {
        assertEquals(ProblemType.MALFORMED_REQUEST, refusal("{\"name\":\"ci\\ud800\",\"services\":{\"redis\":{}}}").type());
    }

    @Test
    void shouldIgnoreFieldsItDoesNotRead() {
        CreateEnvironment command = validate("{\"name\":\"ci\",\"colour\":\"blue\",\"services\":{\"redis\":{\"flavour\":\"x\"}}}");
        assertTrue(command.services().get("redis").options().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"ci\"", "{", "null"})
    void shouldRefuseABodyThatIsNotAJsonObject(String body) {
        assertEquals(ProblemType.MALFORMED_REQUEST, refusal(body).type());
    }
}
