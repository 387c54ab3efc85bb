package io.mockfactory.gateway.upload;

import io.mockfactory.events.EventIds;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.gateway.internal.StorageClient;
import io.mockfactory.internal.upload.UploadView;
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Optional;

/** storage-emulation-service's uploads as the gateway reads them, through its breaker; every read names the owner. */
@Singleton
public class UploadReadModel {
    public static final String PREFIX = "upl";

    private final StorageClient storage;
    private final PeerCalls calls;

    public UploadReadModel(StorageClient storage, @Named(Peers.STORAGE) PeerCalls calls) {
        this.storage = storage;
        this.calls = calls;
    }

    /** An id of the wrong shape is the same 404 as an unknown one, and reaches no query. */
    public Optional<UploadView> find(String userId, String uploadId) {
        if (!EventIds.isWellFormed(PREFIX, uploadId)) {
            return Optional.empty();
        }
        return calls.call(() -> storage.upload(uploadId, userId));
    }

    public UploadView owned(String userId, String uploadId) {
        return find(userId, uploadId).orElseThrow(UploadReadModel::notFound);
    }

    public Page<UploadView> list(String userId, int limit, String cursor) {
        return calls.call(() -> storage.uploads(userId, String.valueOf(limit), cursor));
    }

    public void delete(String userId, String uploadId) {
        if (!EventIds.isWellFormed(PREFIX, uploadId) || !calls.call(() -> storage.deleteUpload(uploadId, userId))) {
            throw notFound();
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No upload with this id.");
    }
}
