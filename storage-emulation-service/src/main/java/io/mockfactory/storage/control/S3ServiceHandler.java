package io.mockfactory.storage.control;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Message;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.storage.quota.StorageQuota;
import io.mockfactory.storage.quota.StorageTiers;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.command.StartEnvironment;
import io.mockfactory.events.command.StopEnvironment;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceProvisioning;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStarted;
import io.mockfactory.events.environment.ServiceStopped;
import io.mockfactory.kit.inbox.InboxHandler;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.kit.secret.CredentialVault;
import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.meta.DoomedBlobs;
import io.mockfactory.storage.snapshot.BucketCopies;
import io.mockfactory.storage.snapshot.S3Restores;
import io.mockfactory.storage.upload.UploadedObjects;
import io.mockfactory.storage.usage.StorageUsageReporter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.Set;

/**
 * The aws_s3 service's lifecycle, inside the inbox transaction: create makes the environment's namespace and key pair
 * and is ready at once; stop and start switch its keys off and on (data kept); destroy deletes buckets, objects and
 * the key pair, dooms the namespace's blobs and tells billing the environment stores nothing now.
 */
@Singleton
public class S3ServiceHandler implements InboxHandler {
    public static final String SERVICE = "aws_s3";
    private static final Logger LOG = LoggerFactory.getLogger(S3ServiceHandler.class);

    private final S3Services services;
    private final AccessKeys accessKeys;
    private final CredentialVault vault;
    private final BlobStore blobStore;
    private final DoomedBlobs doomedBlobs;
    private final OutboxWriter outbox;
    private final S3Endpoint endpoint;
    private final StorageUsageReporter usageReporter;
    private final S3Restores restores;
    private final BucketCopies bucketCopies;
    private final StorageQuota quota;
    private final UploadedObjects uploadedObjects;

    public S3ServiceHandler(S3Services services, AccessKeys accessKeys, CredentialVault vault, BlobStore blobStore,
                            DoomedBlobs doomedBlobs, OutboxWriter outbox, S3Endpoint endpoint,
                            StorageUsageReporter usageReporter, S3Restores restores, BucketCopies bucketCopies,
                            StorageQuota quota, UploadedObjects uploadedObjects) {
        this.quota = quota;
        this.uploadedObjects = uploadedObjects;
        this.services = services;
        this.accessKeys = accessKeys;
        this.vault = vault;
        this.blobStore = blobStore;
        this.doomedBlobs = doomedBlobs;
        this.outbox = outbox;
        this.endpoint = endpoint;
        this.usageReporter = usageReporter;
        this.restores = restores;
        this.bucketCopies = bucketCopies;
    }

    @Override
    public String consumerName() {
        return "s3-services";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ENVIRONMENT_COMMANDS);
    }

    @Override
    public void handle(EventEnvelope command, Connection tx) throws Exception {
        String environmentId = command.environmentId();
        if (environmentId == null) {
            return;
        }
        Message payload = command.payload();
        if (payload instanceof CreateEnvironment create && create.services().containsKey(SERVICE)) {
            if (command.userId() != null && create.tier() != null) {
                StorageTiers.set(tx, command.userId(), create.tier());
            }
            create(tx, command, create.services().get(SERVICE), create.fromSnapshot(), create.seeds().get(SERVICE));
            return;
        }
        Optional<S3ServiceRecord> existing = services.byEnvironment(tx, environmentId);
        if (existing.isEmpty()) {
            return;
        }
        String accessKeyId = existing.get().accessKeyId();
        if (payload instanceof StopEnvironment) {
            if (services.move(tx, environmentId, S3ServiceRecord.RUNNING, S3ServiceRecord.STOPPED)) {
                accessKeys.evict(accessKeyId);
                emit(tx, command, new ServiceStopped(SERVICE));
            }
        } else if (payload instanceof StartEnvironment) {
            if (services.move(tx, environmentId, S3ServiceRecord.STOPPED, S3ServiceRecord.RUNNING)) {
                accessKeys.evict(accessKeyId);
                emit(tx, command, new ServiceStarted(SERVICE, endpoint.host(), endpoint.port()));
            }
        } else if (payload instanceof DestroyEnvironment && !S3ServiceRecord.DESTROYED.equals(existing.get().status())) {
            // First: billing's final zero, and its lock before any outbox append of this transaction
            usageReporter.reportDestroyed(tx, environmentId, existing.get().userId());
            // The waiting restore's row before the service's, in the order the restores lock them
            restores.cancel(tx, environmentId);
            services.destroy(tx, environmentId);
            doomedBlobs.doomNamespace(tx, namespace(environmentId));
            accessKeys.evict(accessKeyId);
            emit(tx, command, new ServiceDestroyed(SERVICE));
            LOG.info("aws_s3 of {} destroyed: buckets, objects and keys deleted", environmentId);
        }
    }

    /** From a snapshot, the service is provisioning until {@link S3Restores} has given it the snapshot's buckets. */
    private void create(Connection tx, EventEnvelope command, ServiceSpec spec, String fromSnapshot, ServiceSeed seed)
            throws Exception {
        String environmentId = command.environmentId();
        Optional<String> region = Optional.ofNullable(spec.options().get("region"));
        if (region.isEmpty() && fromSnapshot != null) {
            region = restores.regionOf(tx, fromSnapshot);
        }
        S3ServiceRecord record = new S3ServiceRecord(environmentId, command.userId(), accessKeys.newAccessKeyId(),
                vault.encrypt(accessKeys.newSecret(), S3ServiceRecord.binding(environmentId)),
                region.orElse(endpoint.defaultRegion()), fromSnapshot == null ? S3ServiceRecord.RUNNING : S3ServiceRecord.PROVISIONING);
        if (!services.insert(tx, record)) {
            return;
        }
        blobStore.createNamespace(namespace(environmentId));
        emit(tx, command, new ServiceProvisioning(SERVICE, spec.version()));
        if (fromSnapshot != null) {
            restores.begin(tx, command, spec.version(), fromSnapshot);
            return;
        }
        if (seed != null && (seed.buckets() != null || seed.objects() != null) && !seeded(tx, command, seed, record.region())) {
            return;
        }
        emit(tx, command, new ServiceReady(SERVICE, spec.version(), endpoint.host(), endpoint.port(), endpoint.url()));
        LOG.info("aws_s3 of {} is ready at {} (region {})", environmentId, endpoint.url(), record.region());
    }

    /**
     * The seed's buckets copied, or its upload's files unpacked into a bucket, in this transaction; one that cannot be
     * (not the user's, not there, not a readable archive), or a copy that would pass the storage quota, fails the
     * service with the reason, and what was copied is rolled back to the savepoint.
     */
    private boolean seeded(Connection tx, EventEnvelope command, ServiceSeed seed, String region) throws Exception {
        Savepoint before = tx.setSavepoint();
        Optional<String> refused = seed.objects() != null
                ? uploadedObjects.unpack(tx, command.userId(), command.environmentId(), region, seed.objects())
                : bucketCopies.copy(tx, command.userId(), command.environmentId(), seed.buckets());
        Optional<StorageQuota.CopyRefusal> overQuota = refused.isEmpty()
                ? quota.refusalOfCopy(tx, command.environmentId()) : Optional.empty();
        if (refused.isEmpty() && overQuota.isEmpty()) {
            tx.releaseSavepoint(before);
            return true;
        }
        tx.rollback(before);
        if (overQuota.isPresent()) {
            quota.report(tx, command.environmentId(), overQuota.get());
            refused = Optional.of("seed: " + overQuota.get().reason());
        }
        services.move(tx, command.environmentId(), S3ServiceRecord.RUNNING, S3ServiceRecord.FAILED);
        emit(tx, command, new ServiceFailed(SERVICE, refused.get()));
        LOG.info("aws_s3 of {} failed: {}", command.environmentId(), refused.get());
        return false;
    }

    /** Blob namespaces are environment ids (already URL-safe and unguessable). */
    public static String namespace(String environmentId) {
        return environmentId;
    }

    private void emit(Connection tx, EventEnvelope command, Message event) throws Exception {
        outbox.append(tx, EventEnvelope.of(event).causedBy(command));
    }
}
