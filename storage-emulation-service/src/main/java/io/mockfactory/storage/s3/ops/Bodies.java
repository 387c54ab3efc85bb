package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.payload.IncomingPayload;

import java.io.IOException;

/** Small request documents (DeleteObjects, CompleteMultipartUpload, CreateBucket) read with the same checks as uploads. */
final class Bodies {
    static final int MAX_DOCUMENT = 2 * 1024 * 1024;

    private Bodies() {
    }

    static byte[] read(S3Request request, Authenticated auth) throws IOException {
        return read(IncomingPayload.open(request, auth));
    }

    /** CompleteMultipartUpload's document: its x-amz-checksum-* headers are the object's checksum, not the document's. */
    static byte[] readCompletion(S3Request request, Authenticated auth) throws IOException {
        return read(IncomingPayload.openIgnoringChecksumHeaders(request, auth));
    }

    private static byte[] read(IncomingPayload payload) throws IOException {
        byte[] body = payload.readNBytes(MAX_DOCUMENT + 1);
        if (body.length > MAX_DOCUMENT) {
            throw S3Error.MALFORMED_XML.exception("The XML document is larger than this service accepts.");
        }
        payload.verify();
        return body;
    }
}
