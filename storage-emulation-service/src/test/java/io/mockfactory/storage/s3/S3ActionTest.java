package io.mockfactory.storage.s3;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operation names s3_requests_total is labelled with: AWS's, for what each request asks; Unknown for the rest. */
class S3ActionTest {
    private final S3Addressing addressing = new S3Addressing(List.of("localhost"));

    @Test
    void shouldNameEveryRoutedActionAsAwsDoes() {
        assertEquals("ListBuckets", action("GET", "/"));
        assertEquals("CreateBucket", action("PUT", "/b"));
        assertEquals("PutBucketVersioning", action("PUT", "/b?versioning"));
        assertEquals("HeadBucket", action("HEAD", "/b"));
        assertEquals("DeleteBucket", action("DELETE", "/b"));
        assertEquals("GetBucketLocation", action("GET", "/b?location"));
        assertEquals("GetBucketVersioning", action("GET", "/b?versioning"));
        assertEquals("ListMultipartUploads", action("GET", "/b?uploads"));
        assertEquals("ListObjectsV2", action("GET", "/b?list-type=2&prefix=a"));
        assertEquals("ListObjects", action("GET", "/b?prefix=a"));
        assertEquals("DeleteObjects", action("POST", "/b?delete"));
        assertEquals("PutObject", action("PUT", "/b/some/key"));
        assertEquals("CopyObject", action("PUT", "/b/k", "x-amz-copy-source", "/a/k"));
        assertEquals("UploadPart", action("PUT", "/b/k?partNumber=1&uploadId=u"));
        assertEquals("UploadPartCopy", action("PUT", "/b/k?partNumber=1&uploadId=u", "x-amz-copy-source", "/a/k"));
        assertEquals("GetObject", action("GET", "/b/k"));
        assertEquals("HeadObject", action("HEAD", "/b/k"));
        assertEquals("ListParts", action("GET", "/b/k?uploadId=u"));
        assertEquals("DeleteObject", action("DELETE", "/b/k"));
        assertEquals("AbortMultipartUpload", action("DELETE", "/b/k?uploadId=u"));
        assertEquals("CreateMultipartUpload", action("POST", "/b/k?uploads"));
        assertEquals("CompleteMultipartUpload", action("POST", "/b/k?uploadId=u"));
        assertEquals("PutBucketCors", action("PUT", "/b?cors"));
        assertEquals("GetBucketCors", action("GET", "/b?cors"));
        assertEquals("DeleteBucketCors", action("DELETE", "/b?cors"));
        assertEquals("PreflightRequest", action("OPTIONS", "/b"));
        assertEquals("PreflightRequest", action("OPTIONS", "/b/some/key?uploads"));
        assertEquals("PreflightRequest", action("OPTIONS", "/b/k?acl"), "whatever the query of the request it precedes");
        assertEquals("PostObject", action("POST", "/b"));
    }

    @Test
    void shouldNameVirtualHostStyleRequestsTheSame() {
        assertEquals("GetObject", actionOnHost("GET", "/k", "b.localhost"));
        assertEquals("PreflightRequest", actionOnHost("OPTIONS", "/k", "b.localhost"));
        assertEquals("GetBucketCors", actionOnHost("GET", "/?cors", "b.localhost"));
        assertEquals("ListObjectsV2", actionOnHost("GET", "/?list-type=2", "b.localhost:4566"));
        assertEquals("PostObject", actionOnHost("POST", "/", "b.localhost:4566"));
    }

    @Test
    void shouldNameVersioningAndTaggingActions() {
        assertEquals("ListObjectVersions", action("GET", "/b?versions&prefix=a"));
        assertEquals("PutBucketVersioning", action("PUT", "/b?versioning"));
        assertEquals("PutBucketTagging", action("PUT", "/b?tagging"));
        assertEquals("DeleteBucketTagging", action("DELETE", "/b?tagging"));
        assertEquals("GetObjectTagging", action("GET", "/b/k?tagging&versionId=x"));
        assertEquals("PutObjectTagging", action("PUT", "/b/k?tagging"));
        assertEquals("DeleteObjectTagging", action("DELETE", "/b/k?tagging"));
        assertEquals("DeleteObject", action("DELETE", "/b/k?versionId=x"));
    }

    @Test
    void shouldNameGetObjectAttributesAndNothingElseOnThatSubresource() {
        assertEquals("GetObjectAttributes", action("GET", "/b/k?attributes"));
        assertEquals("GetObjectAttributes", action("GET", "/b/k?attributes&versionId=x"));
        assertEquals("Unknown", action("PUT", "/b/k?attributes"), "never a PutObject");
        assertEquals("Unknown", action("HEAD", "/b/k?attributes"));
        assertEquals("GetObject", action("GET", "/b/k?partNumber=2"));
        assertEquals("HeadObject", action("HEAD", "/b/k?partNumber=2&versionId=x"));
    }

    @Test
    void shouldCallWhatIsNotRoutedUnknownWhateverItSays() {
        assertEquals("Unknown", action("DELETE", "/"));
        assertEquals("Unknown", action("PUT", "/b?lifecycle"));
        assertEquals("Unknown", action("POST", "/b/k?tagging"));
        assertEquals("Unknown", action("GET", "/b/k?cors"), "a bucket's sub-resource on an object");
        assertEquals("Unknown", action("OPTIONS", "/"));
        assertEquals("Unknown", action("POST", "/b?uploads"));
        assertEquals("Unknown", action("POST", "/b/k"));
        assertEquals("Unknown", action("PATCH", "/b/k"));
        assertEquals("Unknown", action("BREW-COFFEE", "/b"));
        assertEquals("Unknown", new S3Request("GET", "/b/k", new DefaultHttpHeaders(), InputStream.nullInputStream(), "t")
                .action().operationName(), "before it is addressed");
    }

    private String action(String method, String uri, String... headerPairs) {
        return actionOnHost(method, uri, "127.0.0.1:4566", headerPairs);
    }

    private String actionOnHost(String method, String uri, String host, String... headerPairs) {
        HttpHeaders headers = new DefaultHttpHeaders().set("Host", host);
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.set(headerPairs[i], headerPairs[i + 1]);
        }
        S3Request request = new S3Request(method, uri, headers, InputStream.nullInputStream(), "test");
        addressing.address(request);
        return request.action().operationName();
    }
}
