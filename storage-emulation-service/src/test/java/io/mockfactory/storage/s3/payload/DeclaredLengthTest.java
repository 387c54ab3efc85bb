package io.mockfactory.storage.s3.payload;

import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.auth.PayloadMode;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeclaredLengthTest {
    private static S3Request upload(String header, String value) {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        if (value != null) {
            headers.add(header, value);
        }
        return new S3Request("PUT", "/bucket/key", headers, InputStream.nullInputStream(), "test");
    }

    @Test
    void shouldReadTheSizeOfTheContentNotOfItsFraming() {
        assertEquals(42, DeclaredLength.ofUpload(upload("Content-Length", "42"), PayloadMode.UNSIGNED));
        assertEquals(42, DeclaredLength.ofUpload(upload("x-amz-decoded-content-length", "42"), PayloadMode.STREAMING_SIGNED));
        assertEquals(DeclaredLength.UNDECLARED, DeclaredLength.ofUpload(upload("Content-Length", "42"),
                PayloadMode.STREAMING_UNSIGNED_TRAILER), "aws-chunked: the Content-Length counts the framing");
        assertEquals(5, DeclaredLength.ofUpload(upload("Content-Length", "0000000000000000000000005"), PayloadMode.SIGNED));
        assertEquals(DeclaredLength.MAX_UPLOAD, DeclaredLength.ofUpload(upload("Content-Length",
                String.valueOf(DeclaredLength.MAX_UPLOAD)), PayloadMode.SIGNED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5368709121", "9223372036854775807", "9223372036854775808", "99999999999999999999999"})
    void shouldRefuseWhatCanNeverBeAcceptedFromTheHeaderAlone(String size) {
        S3Exception tooLarge = assertThrows(S3Exception.class, () -> DeclaredLength.ofUpload(
                upload("x-amz-decoded-content-length", size), PayloadMode.STREAMING_UNSIGNED_TRAILER));
        assertEquals("EntityTooLarge", tooLarge.error().code());
        assertEquals(String.valueOf(DeclaredLength.MAX_UPLOAD), tooLarge.details().get("MaxSizeAllowed"));
    }

    /** A negative size used to pass for "not declared", and so skipped the check that the body had that size. */
    @ParameterizedTest
    @ValueSource(strings = {"-5", "-0", "+5", "5.0", "0x10", "", " ", "\u00b2", "1 2", "5e3"})
    void shouldRefuseWhatIsNotANumber(String size) {
        S3Exception invalid = assertThrows(S3Exception.class, () -> DeclaredLength.ofUpload(
                upload("x-amz-decoded-content-length", size), PayloadMode.STREAMING_SIGNED));
        assertEquals("InvalidArgument", invalid.error().code(), size);
    }
}
