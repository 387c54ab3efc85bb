package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.blob.BlobStore.StoredBlob;
import io.mockfactory.storage.control.S3Endpoint;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.auth.AccessKeyDirectory;
import io.mockfactory.storage.s3.auth.AccessKeyDirectory.AccessKey;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.auth.PayloadMode;
import io.mockfactory.storage.s3.access.NewAcls;
import io.mockfactory.storage.s3.access.RequestAuthorizer;
import io.mockfactory.storage.s3.ops.ObjectOperations;
import io.mockfactory.storage.s3.ops.TagSets;
import io.mockfactory.storage.s3.ops.S3Context;
import io.mockfactory.storage.s3.payload.DeclaredLength;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * POST Object: a browser-based upload, a multipart/form-data form posted to the bucket, authenticated by the policy
 * it carries and that policy's signature rather than by the request's headers. The fields before the file are read
 * (bounded), the signature and policy checked, and only then is the file streamed into the blob store; it is stored
 * as PutObject stores an object, under the same quota.
 */
@Singleton
public class PostUploads {
    /** What S3 allows before the file: the fields, their part headers, the policy. */
    static final int MAX_PRE_DATA = 20 * 1024;
    /** What is read past the file (fields S3 ignores, or the rest of an oversized file) before answering anyway. */
    private static final long MAX_DRAIN = 1024 * 1024;
    /** The largest body a refused form is read to its end before answering (see {@link #drainRefused}). */
    private static final long MAX_REFUSED_DRAIN = 8 * 1024 * 1024;

    private final S3Context context;
    private final ObjectOperations objects;
    private final AccessKeyDirectory keys;
    private final String scheme;
    private final Clock clock;
    private final NewAcls acls;
    private final RequestAuthorizer authorizer;

    @jakarta.inject.Inject
    public PostUploads(S3Context context, ObjectOperations objects, AccessKeyDirectory keys, S3Endpoint endpoint, NewAcls acls,
                       RequestAuthorizer authorizer) {
        this(context, objects, keys, URI.create(endpoint.url()).getScheme(), Clock.systemUTC(), acls, authorizer);
    }

    PostUploads(S3Context context, ObjectOperations objects, AccessKeyDirectory keys, String scheme, Clock clock, NewAcls acls,
                RequestAuthorizer authorizer) {
        this.acls = acls;
        this.authorizer = authorizer;
        this.context = context;
        this.objects = objects;
        this.keys = keys;
        this.scheme = scheme == null ? "http" : scheme;
        this.clock = clock;
    }

    /**
     * @param authenticated told the environment whose key signed the form, once the signature checked out (as the
     *                      dispatcher notes activity for every authenticated request)
     */
    public S3Response handle(S3Request request, Consumer<String> authenticated) throws Exception {
        try {
            FormReader reader = new FormReader(request.body(), FormReader.boundary(request.header("Content-Type")), MAX_PRE_DATA);
            PostForm form = PostForm.read(reader);
            PostResult result = upload(request, reader, form, authenticated);
            return PostResponses.answer(request, form, result, scheme);
        } catch (S3Exception e) {
            drainRefused(request);
            throw e;
        }
    }

    /**
     * A form is refused before its file was read (a bad signature, a failed condition, the quota): a browser still
     * sending it would see the connection reset rather than the error, so a body that is not too large is read to its
     * end first. A larger one is answered at once (and its connection closed).
     */
    private static void drainRefused(S3Request request) {
        String length = request.header("Content-Length");
        if (length != null && (!length.strip().matches("[0-9]{1,18}") || Long.parseLong(length.strip()) > MAX_REFUSED_DRAIN)) {
            return;
        }
        try {
            byte[] sink = new byte[64 * 1024];
            long dropped = 0;
            for (int n; dropped <= MAX_REFUSED_DRAIN && (n = request.body().read(sink)) != -1; ) {
                dropped += n;
            }
        } catch (IOException | RuntimeException e) {
            // The body failed or stalled: the answer goes out anyway, and the connection closes
        }
    }

    private PostResult upload(S3Request request, FormReader reader, PostForm form, Consumer<String> authenticated)
            throws Exception {
        String key = FormObject.expandedKey(form);
        if (form.file() == null) {
            throw S3Error.INVALID_ARGUMENT.exception("POST requires exactly one file upload per request.")
                    .with("ArgumentName", PostForm.FILE).with("ArgumentValue", "0");
        }
        AccessKey signer = FormSignature.verify(form, keys);
        authenticated.accept(signer.environmentId());
        Bucket bucket = context.bucket(signer.environmentId(), request.bucket());
        PostPolicy policy = PostPolicy.parse(form.get("policy"));
        Map<String, String> checked = new LinkedHashMap<>(form.fields());
        checked.put("key", key);
        // The bucket is an input the policy must name too; it is the one posted to, whatever a field may say
        checked.put("bucket", request.bucket());
        policy.check(checked, clock.instant());
        FormObject target = FormObject.of(form);
        // The form's acl field is what x-amz-acl is to a PUT; checked against the bucket's settings before the file
        String acl = acls.forObject(header -> header.equals("x-amz-acl") ? form.get("acl") : form.get(header),
                signer.environmentId(), request.bucket());

        long max = Math.min(policy.maxLength(), DeclaredLength.MAX_UPLOAD);
        // Refused before the file is read when the body's declared length alone leaves no room; checked again when stored
        context.quota().precheck(signer.environmentId(), Math.min(max, fileSizeBound(request, reader)));
        Authenticated auth = new Authenticated(signer.environmentId(), signer.accessKeyId(), PayloadMode.UNSIGNED,
                "UNSIGNED-PAYLOAD", null, null, null, null);
        // The bucket policy decides a form upload as it does a PUT: an explicit Deny refuses it before the file
        authorizer.requirePostUpload(request, auth, target.key(), acl != null);
        IncomingFile file = new IncomingFile(reader.content(), max, target.checksumAlgorithm());
        StoredBlob blob = store(auth, reader, file, max);
        IncomingFile.Received received;
        try {
            reader.drain(MAX_DRAIN);
            policy.checkLength(file.count());
            received = file.verify(target.expectedChecksum());
        } catch (Exception e) {
            context.discard(auth.environmentId(), blob.id());
            throw e;
        }
        StoredObject object = new StoredObject(bucket.id(), target.key(), blob.id(), received.size(), received.md5Hex(),
                Instant.now(), target.contentType(), target.headers(), target.userMetadata(),
                received.checksumAlgorithm() == null ? null : received.checksumAlgorithm().name(), received.checksum());
        object = object.withAcl(acl);
        String tagging = form.get("tagging");
        if (tagging != null) {
            try {
                object = object.withTags(TagSets.fromXml(tagging.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        TagSets.OBJECT_LIMIT));
            } catch (RuntimeException e) {
                context.discard(auth.environmentId(), blob.id());
                throw e;
            }
        }
        // The one place a form upload is committed; it discards the blob itself when the commit fails
        ObjectOperations.Committed committed = objects.commit(request, auth, object);
        String versionId = committed.bucket().versioningEverEnabled() ? committed.versionId() : null;
        return new PostResult(object, request.bucket(), form.get("acl"), versionId, form.get("x-amz-storage-class"));
    }

    /** Streams the file into a new blob; past its largest allowed size, the rest is read (bounded) to tell its size. */
    private StoredBlob store(Authenticated auth, FormReader reader, IncomingFile file, long max) throws Exception {
        try {
            return context.blobs().put(S3Context.namespace(auth.environmentId()), file);
        } catch (S3Exception e) {
            if (file.tooLarge()) {
                throw PostPolicy.tooLarge(restOfFile(reader, file.count()), max);
            }
            throw e;
        }
    }

    /**
     * @return the file's whole size if its end comes within {@link #MAX_REFUSED_DRAIN}, else null (not worth reading
     * on, or never found: the file is too large whatever else is wrong with the body)
     */
    private static Long restOfFile(FormReader reader, long counted) throws IOException {
        InputStream rest = reader.content();
        byte[] sink = new byte[64 * 1024];
        long size = counted;
        try {
            for (int n; (n = rest.read(sink)) != -1; ) {
                size += n;
                if (size - counted > MAX_REFUSED_DRAIN) {
                    return null;
                }
            }
        } catch (S3Exception e) {
            return null;
        }
        reader.drain(MAX_DRAIN);
        return size;
    }

    /**
     * The file's size as far as the body's declared length tells it: the length less what was read and the closing
     * delimiter with the line break clients put after it (two bytes under when there is none; over only when fields
     * follow the file). Nothing (0: no precheck) when no length was declared, as a policy's size range is a bound,
     * not a size.
     */
    private static long fileSizeBound(S3Request request, FormReader reader) {
        String length = request.header("Content-Length");
        if (length == null || !length.strip().matches("[0-9]{1,18}")) {
            return 0;
        }
        return Math.max(0, Long.parseLong(length.strip()) - reader.consumed() - reader.closingLength() - 2);
    }
}
