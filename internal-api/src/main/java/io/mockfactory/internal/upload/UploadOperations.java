package io.mockfactory.internal.upload;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.mockfactory.kit.web.Page;

import java.util.Optional;

/**
 * storage-emulation-service's seed uploads as the gateway reads and deletes them; every call names the owner. The
 * upload itself ({@code PUT /internal/uploads/{id}}, the bytes streamed) is proxied, not a typed call.
 */
public interface UploadOperations {
    String PATH = "/internal/uploads";

    /** The owner's uploads, newest first. */
    @Get(PATH)
    Page<UploadView> uploads(@QueryValue("user_id") String userId, @Nullable @QueryValue String limit,
                             @Nullable @QueryValue String cursor) throws Exception;

    /** @return empty when the owner has no such upload */
    @Get(PATH + "/{id}")
    Optional<UploadView> upload(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception;

    /** @return whether the owner had it (its bytes are then deleted in the background) */
    @Delete(PATH + "/{id}")
    boolean deleteUpload(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception;
}
