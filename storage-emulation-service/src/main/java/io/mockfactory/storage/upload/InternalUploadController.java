package io.mockfactory.storage.upload;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.upload.UploadOperations;
import io.mockfactory.internal.upload.UploadView;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.meta.DoomedBlobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Seed uploads for the gateway: the bytes streamed in (the gateway proxies the user's body; nothing buffers it whole)
 * and the owner's rows. Another user's upload is the same empty answer as none.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalUploadController implements UploadOperations {
    public static final String PREFIX = "upl";

    private final Transactions transactions;
    private final SeedUploads uploads;
    private final UploadStore store;
    private final DoomedBlobs doomedBlobs;
    private final BlobStore blobs;
    private final long maxBytes;

    public InternalUploadController(Transactions transactions, SeedUploads uploads, UploadStore store,
                                    DoomedBlobs doomedBlobs, BlobStore blobs,
                                    @Value("${mockfactory.uploads.max-bytes:268435456}") long maxBytes) {
        this.blobs = blobs;
        this.transactions = transactions;
        this.uploads = uploads;
        this.store = store;
        this.doomedBlobs = doomedBlobs;
        this.maxBytes = maxBytes;
    }

    /**
     * 201 with the upload; a retry of one already stored (same id and owner) is 200 with it. Whatever the answer, the
     * body is read to its end first: a sender whose body the server stops reading waits, its request unanswered,
     * until the connection times out (seen as 5-minute stalls of a refused or retried upload).
     */
    @Post(value = PATH + "/{id}", consumes = MediaType.ALL)
    public HttpResponse<UploadView> store(@PathVariable String id, @QueryValue("user_id") String userId,
                                          @Nullable @QueryValue String name,
                                          @Nullable @Header("Content-Length") Long length, @Body InputStream body)
            throws Exception {
        try {
            if (!EventIds.isWellFormed(PREFIX, id)) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Not an upload id.");
            }
            if (length == null) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "An upload needs its Content-Length.");
            }
            if (length > maxBytes) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An upload holds at most " + maxBytes
                        + " bytes; this one declares " + length + ".");
            }
            Optional<SeedUpload> retried = transactions.read(connection -> uploads.owned(connection, id, userId));
            if (retried.isPresent()) {
                return HttpResponse.ok(retried.get().view());
            }
            UploadStore.Stored stored = store.store(id, userId, name, length, body);
            return stored.created() ? HttpResponse.created(stored.upload().view()) : HttpResponse.ok(stored.upload().view());
        } finally {
            drain(body);
        }
    }

    private static void drain(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException senderGone) {
            // nothing more to read: the answer is all that is left
        }
    }

    /**
     * The upload's bytes, for the provisioner (a Redis seed's RDB file); another user's upload is the same 404 as none.
     */
    @Get(value = PATH + "/{id}/content", produces = MediaType.APPLICATION_OCTET_STREAM)
    public HttpResponse<StreamedFile> content(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception {
        Optional<SeedUpload> upload = EventIds.isWellFormed(PREFIX, id)
                ? transactions.read(connection -> uploads.owned(connection, id, userId)) : Optional.empty();
        if (upload.isEmpty()) {
            return HttpResponse.notFound();
        }
        InputStream bytes = blobs.open(upload.get().namespace(), upload.get().blobId(), 0, upload.get().size());
        return HttpResponse.ok(new StreamedFile(bytes, MediaType.APPLICATION_OCTET_STREAM_TYPE,
                upload.get().createdAt().toEpochMilli(), upload.get().size()));
    }

    @Override
    public Page<UploadView> uploads(String userId, @Nullable String limit, @Nullable String cursor) throws Exception {
        int pageSize = Page.pageSize(limit);
        String after = Page.requireCursor(cursor, PREFIX);
        return Page.of(transactions.read(connection -> uploads.list(connection, userId, after, pageSize + 1)).stream()
                .map(SeedUpload::view).toList(), pageSize, UploadView::id);
    }

    @Override
    public Optional<UploadView> upload(String id, String userId) throws Exception {
        if (!EventIds.isWellFormed(PREFIX, id)) {
            return Optional.empty();
        }
        return transactions.read(connection -> uploads.owned(connection, id, userId)).map(SeedUpload::view);
    }

    /** The row goes now (it no longer counts against the quota); the janitor deletes the bytes. */
    @Override
    public boolean deleteUpload(String id, String userId) throws Exception {
        if (!EventIds.isWellFormed(PREFIX, id)) {
            return false;
        }
        return transactions.inTransaction(tx -> {
            Optional<SeedUpload> deleted = uploads.delete(tx, id, userId);
            if (deleted.isPresent()) {
                doomedBlobs.doomNamespace(tx, deleted.get().namespace());
            }
            return deleted.isPresent();
        });
    }
}
