package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How GetObjectAttributes reads x-amz-object-attributes: however SDKs send the list, and S3's errors. */
class AttributesOperationsTest {
    @Test
    void shouldReadTheListCommaSeparatedWithOrWithoutSpacesOrAsOneHeaderEach() {
        assertEquals(Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"),
                AttributesOperations.attributes(request("ETag, Checksum,ObjectParts ,StorageClass,ObjectSize")));
        assertEquals(Set.of("Checksum", "ObjectParts"), AttributesOperations.attributes(request("Checksum", "ObjectParts")));
    }

    @Test
    void shouldRefuseAnUnknownNameAndAMissingList() {
        S3Exception unknown = assertThrows(S3Exception.class, () -> AttributesOperations.attributes(request("ETag,Size")));
        assertEquals("InvalidArgument", unknown.error().code());
        assertEquals("Invalid attribute name specified.", unknown.getMessage());
        assertEquals("Size", unknown.details().get("ArgumentValue"));
        assertEquals("x-amz-object-attributes", unknown.details().get("ArgumentName"));
        for (S3Request none : new S3Request[] {request(), request(""), request(",,")}) {
            S3Exception missing = assertThrows(S3Exception.class, () -> AttributesOperations.attributes(none));
            assertEquals("InvalidRequest", missing.error().code());
            assertEquals(400, missing.error().status());
        }
    }

    private static S3Request request(String... values) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (String value : values) {
            headers.add("x-amz-object-attributes", value);
        }
        return new S3Request("GET", "/b/k?attributes", headers, InputStream.nullInputStream(), "test");
    }
}
