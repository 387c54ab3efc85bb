package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.ObjectPart;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ?partNumber= reads and the checksum headers of reads, as S3 answers them. */
class PartReadsTest {
    private static final List<ObjectPart> PARTS = List.of(new ObjectPart(1, 5_242_881, "c4", "NRU+Sw=="),
            new ObjectPart(2, 5_242_881, "c4", "NRU+Sw=="), new ObjectPart(3, 10, "e0", "TBHN8A=="));
    private static final long SIZE = 10_485_772;

    @Test
    void shouldReadAPartAsARangeOfTheWholeObject() {
        StoredObject object = multipart("5FRUiw==-3", "COMPOSITE");
        PartReads.Part third = PartReads.requested(get("?partNumber=3"), object).orElseThrow();
        assertEquals("bytes 10485762-10485771/10485772", third.range().contentRange(SIZE));
        assertEquals(3, third.partsCount());
        PartReads.Part first = PartReads.requested(get("?partNumber=1"), object).orElseThrow();
        assertEquals(0, first.first());
        assertEquals(5_242_881, first.length());
        assertTrue(PartReads.requested(get(""), object).isEmpty());

        S3Exception above = assertThrows(S3Exception.class, () -> PartReads.requested(get("?partNumber=4"), object));
        assertEquals(416, above.error().status());
        assertEquals("InvalidPartNumber", above.error().code());
        assertEquals(Map.of("PartNumberRequested", "4", "ActualPartCount", "3"), above.details());
        S3Exception both = assertThrows(S3Exception.class, () -> PartReads.requested(get("?partNumber=1", "Range", "bytes=0-1"), object));
        assertEquals("Cannot specify both Range header and partNumber query parameter", both.getMessage());
        for (String bad : List.of("0", "10001", "x", "-1")) {
            S3Exception invalid = assertThrows(S3Exception.class, () -> PartReads.requested(get("?partNumber=" + bad), object));
            assertEquals("InvalidArgument", invalid.error().code());
        }
    }

    @Test
    void shouldReadAnObjectThatIsNotMultipartAsItsOnlyPart() {
        StoredObject single = new StoredObject(1, "k", "blob", 8, "ca6d", Instant.now(), null, Map.of(), Map.of(), "CRC32",
                "MAPXAg==");
        PartReads.Part whole = PartReads.requested(get("?partNumber=1"), single).orElseThrow();
        assertEquals("bytes 0-7/8", whole.range().contentRange(8));
        assertNull(whole.partsCount(), "S3 sends no parts count for it");
        S3Exception second = assertThrows(S3Exception.class, () -> PartReads.requested(get("?partNumber=2"), single));
        assertEquals("1", second.details().get("ActualPartCount"));

        S3Response response = S3Response.ok();
        PartReads.checksumHeaders(response, single, get("?partNumber=1", "x-amz-checksum-mode", "ENABLED"), 8, Optional.of(whole));
        assertEquals("MAPXAg==", response.headers().get("x-amz-checksum-crc32"));
        assertEquals("FULL_OBJECT", response.headers().get("x-amz-checksum-type"));
    }

    @Test
    void shouldGiveAPartItsOwnChecksumOnlyWhenTheObjectsIsMadeOfThem() {
        StoredObject composite = multipart("5FRUiw==-3", "COMPOSITE");
        S3Request part3 = get("?partNumber=3", "x-amz-checksum-mode", "ENABLED");
        S3Response response = S3Response.ok();
        PartReads.checksumHeaders(response, composite, part3, 10, PartReads.requested(part3, composite));
        assertEquals("TBHN8A==", response.headers().get("x-amz-checksum-crc32"));
        assertEquals("COMPOSITE", response.headers().get("x-amz-checksum-type"));

        StoredObject full = multipart("qSEQSA==", "FULL_OBJECT");
        S3Response partOfFull = S3Response.ok();
        PartReads.checksumHeaders(partOfFull, full, part3, 10, PartReads.requested(part3, full));
        assertNull(partOfFull.headers().get("x-amz-checksum-crc32"), "no checksum is of those bytes alone");

        S3Response whole = S3Response.ok();
        PartReads.checksumHeaders(whole, full, get("", "x-amz-checksum-mode", "enabled"), SIZE, Optional.empty());
        assertEquals("qSEQSA==", whole.headers().get("x-amz-checksum-crc32"));
        S3Response notAsked = S3Response.ok();
        PartReads.checksumHeaders(notAsked, full, get(""), SIZE, Optional.empty());
        assertNull(notAsked.headers().get("x-amz-checksum-crc32"));
        S3Response range = S3Response.ok();
        PartReads.checksumHeaders(range, full, get("", "x-amz-checksum-mode", "ENABLED", "Range", "bytes=0-9"), 10, Optional.empty());
        assertNull(range.headers().get("x-amz-checksum-crc32"));
    }

    private static StoredObject multipart(String checksum, String type) {
        return new StoredObject(1, "k", "blob", SIZE, "4d45-3", Instant.now(), null, Map.of(), Map.of(), null, null)
                .withChecksum("CRC32", checksum, type).withParts(PARTS, type);
    }

    private static S3Request get(String query, String... headerPairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return new S3Request("GET", "/b/k" + query, headers, InputStream.nullInputStream(), "test");
    }
}
