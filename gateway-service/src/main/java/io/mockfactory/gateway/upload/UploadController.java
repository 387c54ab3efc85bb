package io.mockfactory.gateway.upload;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.events.EventIds;
import io.mockfactory.gateway.command.EnvironmentCommands;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.internal.upload.UploadOperations;
import io.mockfactory.internal.upload.UploadView;
import io.mockfactory.kit.internal.InternalToken;
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.Problem;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.mockfactory.kit.web.RequestCorrelation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Files to seed environments with ({@code aws_s3:{seed:{objects:{upload, bucket}}}}): the body is streamed to
 * storage-emulation-service, which stores and checks it, and never buffered here. Only the caller's identity and the
 * internal token go with it: the caller's API key or token stays at the gateway.
 */
@Controller("/api/v1")
@Tag(name = "Uploads")
public class UploadController {
    private static final int MAX_NAME = 200;
    /** What of the caller's request goes on: the length and type of the body; their credentials stay here. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.CONTENT_TYPE);

    private final ProxyHttpClient storage;
    private final InternalToken token;
    private final UploadReadModel uploads;
    private final long maxBytes;

    public UploadController(@Client(id = Peers.STORAGE_UPLOADS) ProxyHttpClient storage, InternalToken token,
                            UploadReadModel uploads, @Value("${mockfactory.uploads.max-bytes:268435456}") long maxBytes) {
        this.storage = storage;
        this.token = token;
        this.uploads = uploads;
        this.maxBytes = maxBytes;
    }

    @Post(uri = "/uploads", consumes = MediaType.ALL)
    @Operation(summary = "Upload a tar, gzipped tar or zip file (the raw body, with its Content-Length) to seed S3"
            + " buckets from: 201 with its id (upl_…), format, size and SHA-256; 413 over the upload cap, 403 over the"
            + " storage quota (uploads count against it), 415 when it is none of those formats. With Idempotency-Key,"
            + " a retry is the same upload (200).")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = UploadView.class)))
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = "string", format = "binary")))
    public Publisher<MutableHttpResponse<?>> upload(HttpRequest<?> request, @Nullable @QueryValue String name,
                                                    @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        EnvironmentCommands.requireWellFormedKey(idempotencyKey);
        Caller caller = caller(request);
        long length = request.getContentLength();
        if (length < 0) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "An upload is sent with its Content-Length"
                    + " (not chunked), so that it is refused before it is sent when it is too large.");
        }
        if (length > maxBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An upload holds at most " + maxBytes
                    + " bytes; this one declares " + length + ".");
        }
        if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The upload's name is not valid.",
                    List.of(new Problem.FieldError("name", "must be 1 to " + MAX_NAME + " characters")));
        }
        String id = idempotencyKey == null ? EventIds.newId(UploadReadModel.PREFIX) : idFor(caller.userId(), idempotencyKey);
        UriBuilder target = UriBuilder.of(UploadOperations.PATH).path(id).queryParam("user_id", caller.userId());
        if (name != null) {
            target.queryParam("name", name);
        }
        String requestId = request.getAttribute(RequestCorrelation.ATTRIBUTE, String.class).orElse(null);
        return storage.proxy(request.mutate().uri(target.build()).headers(headers -> {
            for (String header : List.copyOf(headers.names())) {
                if (KEPT_HEADERS.stream().noneMatch(header::equalsIgnoreCase)) {
                    headers.remove(header);
                }
            }
            // As the internal calls' filter adds them to typed calls (set here too: a proxied call is not typed)
            token.value().ifPresent(value -> headers.set(InternalToken.HEADER, value));
            if (requestId != null) {
                headers.set(RequestCorrelation.HEADER, requestId);
            }
        }));
    }

    @Get("/uploads")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "The caller's uploads, newest first (?limit=&cursor=)")
    public Page<UploadView> list(HttpRequest<?> request, @Nullable @QueryValue String limit,
                                 @Nullable @QueryValue String cursor) {
        return uploads.list(caller(request).userId(), Page.pageSize(limit), Page.requireCursor(cursor, UploadReadModel.PREFIX));
    }

    @Get("/uploads/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "One upload: its format, size and SHA-256")
    public UploadView get(HttpRequest<?> request, @PathVariable String id) {
        return uploads.owned(caller(request).userId(), id);
    }

    @Delete("/uploads/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an upload (204): it no longer counts against the storage quota; environments already"
            + " seeded from it keep their objects")
    public void delete(HttpRequest<?> request, @PathVariable String id) {
        uploads.delete(caller(request).userId(), id);
    }

    /** The same key of the same user names the same upload, so that a retried upload is stored once. */
    static String idFor(String userId, String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("upload\0" + userId + "\0" + idempotencyKey)
                    .getBytes(StandardCharsets.UTF_8));
            return UploadReadModel.PREFIX + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Caller caller(HttpRequest<?> request) {
        return request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow();
    }
}
