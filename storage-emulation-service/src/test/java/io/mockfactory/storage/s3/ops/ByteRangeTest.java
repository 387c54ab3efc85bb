package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void shouldAcceptWhatRfc9110Allows() {
        assertEquals(new ByteRange(0, 0), ByteRange.parse("bytes=0-0", 100).orElseThrow());
        assertEquals(new ByteRange(99, 99), ByteRange.parse("bytes=99-99", 100).orElseThrow());
        assertEquals(new ByteRange(7, 9), ByteRange.parse("bytes=007-009", 100).orElseThrow(), "leading zeros are digits");
        assertEquals(new ByteRange(0, 9), ByteRange.parse("BYTES=0-9", 100).orElseThrow(), "the unit is case-insensitive");
        assertEquals(new ByteRange(0, 9), ByteRange.parse("  bytes=0-9 ", 100).orElseThrow(), "the field's own whitespace");
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=0-" + Long.MAX_VALUE, 100).orElseThrow());
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-" + Long.MAX_VALUE, 100).orElseThrow());
        assertEquals(new ByteRange(99, 99), ByteRange.parse("bytes=-1", 100).orElseThrow());
    }

    /** Each of these is not a byte range by RFC 9110's grammar: S3 ignores the header and sends the whole object. */
    @ParameterizedTest
    @ValueSource(strings = {"bytes=--1", "bytes=--5", "bytes=-+5", "bytes=+1-5", "bytes=-1-5", "bytes=1--5", "bytes=5--1",
            "bytes=-", "bytes=", "bytes", "bytes=1", "bytes=a-5", "bytes=1-b", "bytes=x-y", "bytes=1.5-2", "bytes=0x1-2",
            "bytes= 0-9", "bytes=0 -9", "bytes=0- 9", "bytes=0-9 ,", "bytes=0-1,5-6", "bytes=0-1, 5-6", "bytes=1-2-3",
            "bytes=9-2", "items=0-1", "bytes:0-1", "bytes =0-1", "0-1", "", " ",
            "bytes=99999999999999999999-", "bytes=0-99999999999999999999", "bytes=-99999999999999999999",
            "bytes=9223372036854775808-", "bytes=\u0661-\u0662", "bytes=\uff11-\uff12", "bytes=1\u0000-2", "bytes=-\u00b9"})
    void shouldIgnoreWhatIsNotARange(String header) {
        assertEquals(Optional.empty(), ByteRange.parse(header, 100), header);
    }

    @Test
    void shouldRefuseWhatCannotBeSatisfied() {
        assertEquals(Optional.empty(), ByteRange.parse(null, 100));
        S3Exception beyond = assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=100-", 100));
        assertEquals("InvalidRange", beyond.error().code());
        assertEquals("bytes */100", beyond.headers().get("Content-Range"));
        for (String unsatisfiable : new String[]{"bytes=100-200", "bytes=" + Long.MAX_VALUE + "-", "bytes=-0", "bytes=-000"}) {
            assertEquals("InvalidRange", assertThrows(S3Exception.class, () -> ByteRange.parse(unsatisfiable, 100)).error().code(),
                    unsatisfiable);
        }
        assertTrue(assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=0-", 0)).error().code().equals("InvalidRange"));
        assertTrue(assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=-5", 0)).error().code().equals("InvalidRange"));
    }

    @Test
    void shouldNeverYieldAnEmptyOrNegativeRange() {
        String[] pieces = {"", "-", "0", "1", "5", "99", "100", "+", " ", ",", "x", "18446744073709551616"};
        for (String a : pieces) {
            for (String b : pieces) {
                for (String c : pieces) {
                    String header = "bytes=" + a + b + c;
                    try {
                        ByteRange.parse(header, 100).ifPresent(range -> assertTrue(range.first() >= 0 && range.length() > 0
                                && range.last() < 100, header + " -> " + range));
                    } catch (S3Exception e) {
                        assertEquals("InvalidRange", e.error().code(), header);
                    }
                }
            }
        }
    }
}
