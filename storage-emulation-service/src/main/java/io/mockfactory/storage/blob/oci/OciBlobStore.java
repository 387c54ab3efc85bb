package io.mockfactory.storage.blob.oci;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.model.Range;
import com.oracle.bmc.objectstorage.ObjectStorage;
import com.oracle.bmc.objectstorage.model.CommitMultipartUploadDetails;
import com.oracle.bmc.objectstorage.model.CommitMultipartUploadPartDetails;
import com.oracle.bmc.objectstorage.model.CreateBucketDetails;
import com.oracle.bmc.objectstorage.model.CreateMultipartUploadDetails;
import com.oracle.bmc.objectstorage.model.ObjectSummary;
import com.oracle.bmc.objectstorage.requests.AbortMultipartUploadRequest;
import com.oracle.bmc.objectstorage.requests.CommitMultipartUploadRequest;
import com.oracle.bmc.objectstorage.requests.CreateBucketRequest;
import com.oracle.bmc.objectstorage.requests.CreateMultipartUploadRequest;
import com.oracle.bmc.objectstorage.requests.DeleteBucketRequest;
import com.oracle.bmc.objectstorage.requests.DeleteObjectRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.ListMultipartUploadsRequest;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.objectstorage.requests.UploadPartRequest;
import com.oracle.bmc.objectstorage.responses.ListObjectsResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.mockfactory.storage.blob.BlobStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Blobs in OCI Object Storage: one bucket per environment's aws_s3 service ({@code <prefix><environment>-aws_s3}).
 * Uploads stream in parts of {@link #PART_SIZE} (one part in memory per upload in flight): a blob that fits in one
 * part is one PutObject, a larger one goes through OCI's multipart API. Every call runs through a retry (only
 * repeatable calls: a part is buffered, so it can be sent again) and the "oci-object-storage" circuit breaker, and
 * every attempt that reaches OCI is counted and timed under its OCI operation name ({@link OciCallMetrics}).
 */
public class OciBlobStore implements BlobStore {
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final ObjectStorage client;
    private final String namespace;
    private final String compartmentId;
    private final String bucketPrefix;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final OciCallMetrics metrics;

    public OciBlobStore(ObjectStorage client, String namespace, String compartmentId, String bucketPrefix,
                        OciCallMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
        this.namespace = namespace;
        this.compartmentId = compartmentId;
        this.bucketPrefix = bucketPrefix;
        this.breaker = CircuitBreaker.of("oci-object-storage", CircuitBreakerConfig.custom()
                .failureRateThreshold(50).slidingWindowSize(20).minimumNumberOfCalls(10)
                .waitDurationInOpenState(Duration.ofSeconds(15))
                .ignoreExceptions(ClientError.class).build());
        this.retry = Retry.of("oci-object-storage", RetryConfig.custom().maxAttempts(3)
                .intervalFunction(attempt -> 200L << Math.min(attempt - 1, 4))
                .retryOnException(OciBlobStore::transientFailure).build());
    }

    /** OCI bucket names allow letters, digits, '-', '_' and '.'; environment ids are made of those already. */
    String bucketOf(String blobNamespace) {
        return bucketPrefix + blobNamespace + "-aws_s3";
    }

    @Override
    public void createNamespace(String blobNamespace) throws IOException {
        call("CreateBucket", () -> {
            try {
                client.createBucket(CreateBucketRequest.builder().namespaceName(namespace)
                        .createBucketDetails(CreateBucketDetails.builder().name(bucketOf(blobNamespace))
                                .compartmentId(compartmentId).build()).build());
            } catch (BmcException e) {
                if (e.getStatusCode() != 409) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public StoredBlob put(String blobNamespace, InputStream content) throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "");
        String bucket = bucketOf(blobNamespace);
        byte[] first = content.readNBytes(PART_SIZE);
        if (first.length < PART_SIZE) {
            call("PutObject", () -> client.putObject(PutObjectRequest.builder().namespaceName(namespace).bucketName(bucket)
                    .objectName(id).contentLength((long) first.length).putObjectBody(new ByteArrayInputStream(first))
                    .build()));
            return new StoredBlob(id, first.length);
        }
        String uploadId = call("CreateMultipartUpload", () -> client.createMultipartUpload(CreateMultipartUploadRequest
                .builder().namespaceName(namespace).bucketName(bucket)
                .createMultipartUploadDetails(CreateMultipartUploadDetails.builder().object(id).build())
                .build())).getMultipartUpload().getUploadId();
        try {
            List<CommitMultipartUploadPartDetails> parts = new ArrayList<>();
            long size = 0;
            byte[] part = first;
            for (int number = 1; part.length > 0; number++) {
                byte[] body = part;
                int partNumber = number;
                String etag = call("UploadPart", () -> client.uploadPart(UploadPartRequest.builder().namespaceName(namespace)
                        .bucketName(bucket).objectName(id).uploadId(uploadId).uploadPartNum(partNumber)
                        .contentLength((long) body.length).uploadPartBody(new ByteArrayInputStream(body)).build())).getETag();
                parts.add(CommitMultipartUploadPartDetails.builder().partNum(partNumber).etag(etag).build());
                size += body.length;
                part = content.readNBytes(PART_SIZE);
            }
            call("CommitMultipartUpload", () -> client.commitMultipartUpload(CommitMultipartUploadRequest.builder()
                    .namespaceName(namespace).bucketName(bucket).objectName(id).uploadId(uploadId)
                    .commitMultipartUploadDetails(CommitMultipartUploadDetails.builder().partsToCommit(parts).build()).build()));
            return new StoredBlob(id, size);
        } catch (IOException | RuntimeException e) {
            abortQuietly(bucket, id, uploadId);
            throw e;
        }
    }

    @Override
    public InputStream open(String blobNamespace, String blobId, long offset, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        return call("GetObject", () -> client.getObject(GetObjectRequest.builder().namespaceName(namespace)
                .bucketName(bucketOf(blobNamespace)).objectName(blobId)
                .range(new Range(offset, offset + length - 1)).build())).getInputStream();
    }

    @Override
    public void delete(String blobNamespace, String blobId) throws IOException {
        call("DeleteObject", () -> {
            try {
                client.deleteObject(DeleteObjectRequest.builder().namespaceName(namespace).bucketName(bucketOf(blobNamespace))
                        .objectName(blobId).build());
            } catch (BmcException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public void deleteNamespace(String blobNamespace) throws IOException {
        String bucket = bucketOf(blobNamespace);
        try {
            String start = null;
            do {
                String from = start;
                ListObjectsResponse page = call("ListObjects", () -> client.listObjects(ListObjectsRequest.builder()
                        .namespaceName(namespace).bucketName(bucket).start(from).build()));
                for (ObjectSummary object : page.getListObjects().getObjects()) {
                    delete(blobNamespace, object.getName());
                }
                start = page.getListObjects().getNextStartWith();
            } while (start != null);
            call("ListMultipartUploads", () -> client.listMultipartUploads(ListMultipartUploadsRequest.builder()
                    .namespaceName(namespace).bucketName(bucket).build())).getItems()
                    .forEach(upload -> abortQuietly(bucket, upload.getObject(), upload.getUploadId()));
            call("DeleteBucket", () -> client.deleteBucket(DeleteBucketRequest.builder().namespaceName(namespace)
                    .bucketName(bucket).build()));
        } catch (OciRefusedException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private void abortQuietly(String bucket, String object, String uploadId) {
        try {
            metrics.observe("AbortMultipartUpload", () -> client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                    .namespaceName(namespace).bucketName(bucket).objectName(object).uploadId(uploadId).build()));
        } catch (RuntimeException ignored) {
            // an abandoned upload is cleaned up by OCI's own lifecycle, or by deleting the namespace
        }
    }

    /**
     * Through retry and breaker; OCI's 4xx answers (except 429) are the caller's problem and never retried. Each
     * attempt the breaker lets through is one observation of {@code name} (the OCI API operation).
     */
    private <T> T call(String name, Supplier<T> operation) throws IOException {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, () -> {
                try {
                    return metrics.observe(name, operation);
                } catch (BmcException e) {
                    if (e.getStatusCode() >= 400 && e.getStatusCode() < 500 && e.getStatusCode() != 429) {
                        throw new ClientError(e);
                    }
                    throw e;
                }
            })).get();
        } catch (ClientError e) {
            throw new OciRefusedException(e.status(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("OCI Object Storage failed: " + e.getMessage(), e);
        }
    }

    private static boolean transientFailure(Throwable error) {
        return !(error instanceof ClientError)
                && !(error instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException);
    }

    /** OCI refused the call (404, 409, 401, …): retrying cannot change the answer. */
    public static final class OciRefusedException extends IOException {
        private final int status;

        OciRefusedException(int status, String message, Throwable cause) {
            super("OCI Object Storage refused the call: " + message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Carries a refusal through the retry and breaker, which must not count or repeat it. */
    static final class ClientError extends RuntimeException {
        private final int status;

        ClientError(BmcException cause) {
            super(cause.getStatusCode() + " " + cause.getServiceCode() + ": " + cause.getMessage(), cause);
            this.status = cause.getStatusCode();
        }

        int status() {
            return status;
        }

        @Override
        public String toString() {
            return "OCI " + getMessage().toLowerCase(Locale.ROOT);
        }
    }
}
