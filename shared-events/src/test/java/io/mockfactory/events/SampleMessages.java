package io.mockfactory.events;

import io.mockfactory.events.billing.QuotaExceeded;
import io.mockfactory.events.billing.StorageUsageReported;
import io.mockfactory.events.billing.UsageRecorded;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.DeleteSnapshot;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.command.SnapshotEnvironment;
import io.mockfactory.events.command.StartEnvironment;
import io.mockfactory.events.command.StopEnvironment;
import io.mockfactory.events.environment.EnvironmentDestroyed;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.events.environment.EnvironmentIdle;
import io.mockfactory.events.environment.ServiceActivity;
import io.mockfactory.events.environment.EnvironmentRequested;
import io.mockfactory.events.environment.EnvironmentRunning;
import io.mockfactory.events.environment.EnvironmentStopped;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceProvisioning;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStarted;
import io.mockfactory.events.environment.ServiceStopped;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.events.snapshot.EnvironmentCloned;
import io.mockfactory.events.snapshot.SnapshotCreated;
import io.mockfactory.events.snapshot.SnapshotDeleted;
import io.mockfactory.events.user.AccessTokenRevoked;
import io.mockfactory.events.user.ApiKeyCreated;
import io.mockfactory.events.user.ApiKeyRevoked;
import io.mockfactory.events.user.UserRegistered;
import io.mockfactory.events.user.UserTierChanged;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One fixed instance of every message type: the golden files pin how each one looks on the wire. */
final class SampleMessages {
    static final Instant OCCURRED_AT = Instant.parse("2026-02-11T10:00:00Z");

    private SampleMessages() {
    }

    static Map<MessageType, Message> all() {
        Map<String, ServiceSpec> services = Map.of("redis", new ServiceSpec("7", Map.of()));
        Map<MessageType, Message> samples = new EnumMap<>(MessageType.class);
        samples.put(MessageType.CREATE_ENVIRONMENT, new CreateEnvironment("ci-run-42", services, 60, "beginner",
                Map.of("redis", ServiceSeed.ofCommands(List.of(List.of("SET", "greeting", "hello"))))));
        samples.put(MessageType.START_ENVIRONMENT, new StartEnvironment());
        samples.put(MessageType.STOP_ENVIRONMENT, new StopEnvironment("requested by user"));
        samples.put(MessageType.DESTROY_ENVIRONMENT, new DestroyEnvironment("ttl expired"));
        samples.put(MessageType.SNAPSHOT_ENVIRONMENT, new SnapshotEnvironment("snap_golden", "before-migration", false,
                Map.of("aws_s3", "latest")));
        samples.put(MessageType.DELETE_SNAPSHOT, new DeleteSnapshot("snap_golden"));
        samples.put(MessageType.SNAPSHOT_CREATED, new SnapshotCreated("snap_golden", "before-migration", 24_117_248,
                List.of(new SnapshotCreated.SnapshotService("postgresql", "16", 24_100_000),
                        new SnapshotCreated.SnapshotService("redis", "7", 17_248))));
        samples.put(MessageType.SNAPSHOT_DELETED, new SnapshotDeleted("snap_golden"));
        samples.put(MessageType.ENVIRONMENT_CLONED, new EnvironmentCloned("env_source", "snap_golden"));
        samples.put(MessageType.ENVIRONMENT_REQUESTED, new EnvironmentRequested("ci-run-42", services, 60));
        samples.put(MessageType.SERVICE_PROVISIONING, new ServiceProvisioning("redis", "7"));
        samples.put(MessageType.SERVICE_READY,
                new ServiceReady("redis", "7", "localhost", 30001, "redis://default:*****@localhost:30001"));
        samples.put(MessageType.SERVICE_FAILED, new ServiceFailed("redis", "not ready after 30 s"));
        samples.put(MessageType.SERVICE_STOPPED, new ServiceStopped("redis"));
        samples.put(MessageType.SERVICE_STARTED, new ServiceStarted("redis", "localhost", 30001));
        samples.put(MessageType.SERVICE_DESTROYED, new ServiceDestroyed("redis"));
        samples.put(MessageType.ENVIRONMENT_RUNNING, new EnvironmentRunning());
        samples.put(MessageType.ENVIRONMENT_STOPPED, new EnvironmentStopped());
        samples.put(MessageType.ENVIRONMENT_DESTROYED, new EnvironmentDestroyed());
        samples.put(MessageType.ENVIRONMENT_FAILED, new EnvironmentFailed("redis: not ready after 30 s"));
        samples.put(MessageType.ENVIRONMENT_IDLE, new EnvironmentIdle(Instant.parse("2026-02-11T09:45:00Z"), 15));
        samples.put(MessageType.SERVICE_ACTIVITY, new ServiceActivity("redis", Instant.parse("2026-02-11T09:59:30Z")));
        samples.put(MessageType.USER_REGISTERED, new UserRegistered("ada@example.com", "Ada Lovelace", "beginner"));
        samples.put(MessageType.USER_TIER_CHANGED, new UserTierChanged("beginner", "professional"));
        samples.put(MessageType.API_KEY_CREATED, new ApiKeyCreated("key_0123", "ci", "mf_ab12cd"));
        samples.put(MessageType.API_KEY_REVOKED, new ApiKeyRevoked("key_0123"));
        samples.put(MessageType.ACCESS_TOKEN_REVOKED,
                new AccessTokenRevoked("jti_0123", Instant.parse("2026-02-11T10:15:00Z")));
        samples.put(MessageType.USAGE_RECORDED, new UsageRecorded("service_seconds", new BigDecimal("750.25"), "second",
                Instant.parse("2026-02-11T09:00:00Z"), Instant.parse("2026-02-11T10:00:00Z"), "redis", 1));
        samples.put(MessageType.QUOTA_EXCEEDED, new QuotaExceeded("running_environments", 2L, 3L));
        samples.put(MessageType.STORAGE_USAGE_REPORTED, new StorageUsageReported("aws_s3", 5_242_880L, 3L));
        return samples;
    }

    static EventEnvelope envelopeOf(MessageType type, Message payload) {
        return new EventEnvelope("evt_golden_" + type.wireName(), type.wireName(), type.version(), OCCURRED_AT,
                "req_golden", "evt_cause", "usr_golden",
                type.topic().equals(Topics.USER_EVENTS) ? null : "env_golden", payload);
    }
}
