package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Exception;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteRangeTest {
    @Test
    void shouldResolveTheThreeForms() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100).orElseThrow());
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-", 100).orElseThrow());
        assertEquals(new ByteRange(95, 99), ByteRange.parse("bytes=-5", 100).orElseThrow());
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-500", 100).orElseThrow());
        assertEquals(new ByteRange(50, 99), ByteRange.parse("bytes=50-1000", 100).orElseThrow(), "the end is clamped");
        assertEquals("bytes 0-9/100", new ByteRange(0, 9).contentRange(100));
    }

    @Test
    void shouldIgnoreWhatItCannotHonourAndRefuseWhatCannotBeSatisfied() {
        assertEquals(Optional.empty(), ByteRange.parse(null, 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-6", 100));
        assertEquals(Optional.empty(), ByteRange.parse("items=0-1", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=9-2", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=x-y", 100));
        S3Exception beyond = assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=100-", 100));
        assertEquals("InvalidRange", beyond.error().code());
        assertEquals("bytes */100", beyond.headers().get("Content-Range"));
        assertTrue(assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=0-", 0)).error().code().equals("InvalidRange"));
    }
}
