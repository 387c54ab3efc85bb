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
import io.mockfactory.events.snapshot.EnvironmentCloned;
import io.mockfactory.events.snapshot.SnapshotCreated;
import io.mockfactory.events.snapshot.SnapshotDeleted;
import io.mockfactory.events.user.AccessTokenRevoked;
import io.mockfactory.events.user.ApiKeyCreated;
import io.mockfactory.events.user.ApiKeyRevoked;
import io.mockfactory.events.user.UserRegistered;
import io.mockfactory.events.user.UserTierChanged;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every message on the wire: its stable type string, its schema version, its payload record and its topic.
 * Adding a field is compatible; removing or renaming one bumps {@link #version()}.
 */
public enum MessageType {
    CREATE_ENVIRONMENT("CreateEnvironment", 1, CreateEnvironment.class, Topics.ENVIRONMENT_COMMANDS),
    START_ENVIRONMENT("StartEnvironment", 1, StartEnvironment.class, Topics.ENVIRONMENT_COMMANDS),
    STOP_ENVIRONMENT("StopEnvironment", 1, StopEnvironment.class, Topics.ENVIRONMENT_COMMANDS),
    DESTROY_ENVIRONMENT("DestroyEnvironment", 1, DestroyEnvironment.class, Topics.ENVIRONMENT_COMMANDS),
    SNAPSHOT_ENVIRONMENT("SnapshotEnvironment", 1, SnapshotEnvironment.class, Topics.ENVIRONMENT_COMMANDS),
    DELETE_SNAPSHOT("DeleteSnapshot", 1, DeleteSnapshot.class, Topics.ENVIRONMENT_COMMANDS),

    ENVIRONMENT_REQUESTED("EnvironmentRequested", 1, EnvironmentRequested.class, Topics.ENVIRONMENT_EVENTS),
    SERVICE_PROVISIONING("ServiceProvisioning", 1, ServiceProvisioning.class, Topics.ENVIRONMENT_EVENTS),
    SERVICE_READY("ServiceReady", 1, ServiceReady.class, Topics.ENVIRONMENT_EVENTS),
    SERVICE_FAILED("ServiceFailed", 1, ServiceFailed.class, Topics.ENVIRONMENT_EVENTS),
    SERVICE_STOPPED("ServiceStopped", 1, ServiceStopped.class, Topics.ENVIRONMENT_EVENTS),
    SERVICE_STARTED("ServiceStarted", 1, ServiceStarted.class, Topics.ENVIRONMENT_EVENTS),
    SERVICE_DESTROYED("ServiceDestroyed", 1, ServiceDestroyed.class, Topics.ENVIRONMENT_EVENTS),
    ENVIRONMENT_RUNNING("EnvironmentRunning", 1, EnvironmentRunning.class, Topics.ENVIRONMENT_EVENTS),
    ENVIRONMENT_STOPPED("EnvironmentStopped", 1, EnvironmentStopped.class, Topics.ENVIRONMENT_EVENTS),
    ENVIRONMENT_DESTROYED("EnvironmentDestroyed", 1, EnvironmentDestroyed.class, Topics.ENVIRONMENT_EVENTS),
    ENVIRONMENT_FAILED("EnvironmentFailed", 1, EnvironmentFailed.class, Topics.ENVIRONMENT_EVENTS),
    ENVIRONMENT_IDLE("EnvironmentIdle", 1, EnvironmentIdle.class, Topics.ENVIRONMENT_EVENTS),
    SERVICE_ACTIVITY("ServiceActivity", 1, ServiceActivity.class, Topics.ENVIRONMENT_EVENTS),
    SNAPSHOT_CREATED("SnapshotCreated", 1, SnapshotCreated.class, Topics.ENVIRONMENT_EVENTS),
    SNAPSHOT_DELETED("SnapshotDeleted", 1, SnapshotDeleted.class, Topics.ENVIRONMENT_EVENTS),
    ENVIRONMENT_CLONED("EnvironmentCloned", 1, EnvironmentCloned.class, Topics.ENVIRONMENT_EVENTS),

    USER_REGISTERED("UserRegistered", 1, UserRegistered.class, Topics.USER_EVENTS),
    USER_TIER_CHANGED("UserTierChanged", 1, UserTierChanged.class, Topics.USER_EVENTS),
    API_KEY_CREATED("ApiKeyCreated", 1, ApiKeyCreated.class, Topics.USER_EVENTS),
    API_KEY_REVOKED("ApiKeyRevoked", 1, ApiKeyRevoked.class, Topics.USER_EVENTS),
    ACCESS_TOKEN_REVOKED("AccessTokenRevoked", 1, AccessTokenRevoked.class, Topics.USER_EVENTS),

    USAGE_RECORDED("UsageRecorded", 1, UsageRecorded.class, Topics.BILLING_EVENTS),
    QUOTA_EXCEEDED("QuotaExceeded", 1, QuotaExceeded.class, Topics.BILLING_EVENTS),
    STORAGE_USAGE_REPORTED("StorageUsageReported", 1, StorageUsageReported.class, Topics.BILLING_EVENTS);

    private static final Map<String, MessageType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));
    private static final Map<Class<?>, MessageType> BY_PAYLOAD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::payloadClass, Function.identity()));

    private final String wireName;
    private final int version;
    private final Class<? extends Message> payloadClass;
    private final String topic;

    MessageType(String wireName, int version, Class<? extends Message> payloadClass, String topic) {
        this.wireName = wireName;
        this.version = version;
        this.payloadClass = payloadClass;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public int version() {
        return version;
    }

    public Class<? extends Message> payloadClass() {
        return payloadClass;
    }

    public String topic() {
        return topic;
    }

    public static Optional<MessageType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    public static MessageType of(Message payload) {
        MessageType type = BY_PAYLOAD.get(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException("Not a registered message payload: " + payload.getClass().getName());
        }
        return type;
    }
}
