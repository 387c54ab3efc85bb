package io.mockfactory.storage.s3;

import io.mockfactory.kit.web.StorableText;

import java.util.Map;

/**
 * PostgreSQL text cannot hold U+0000 (nor can any text hold an unpaired surrogate), so a bucket name or query value
 * carrying one (from {@code %00}) would fail its query and be answered as our internal error. It is refused as the
 * client's mistake, in S3's words, before any operation runs; no bucket, key, marker or upload id can contain one
 * anyway. (Object keys are checked by the operations; headers cannot carry a NUL past the HTTP decoder.)
 */
final class UnstorableInput {
    private UnstorableInput() {
    }

    static void refuse(S3Request request) {
        if (request.bucket() != null && StorableText.defect(request.bucket()).isPresent()) {
            throw S3Error.INVALID_BUCKET_NAME.exception("The specified bucket is not valid: it "
                    + StorableText.defect(request.bucket()).get().replaceFirst("^must not contain", "contains") + ".");
        }
        for (Map.Entry<String, String> pair : request.queryPairs()) {
            boolean badName = StorableText.defect(pair.getKey()).isPresent();
            if (badName || StorableText.defect(pair.getValue()).isPresent()) {
                throw S3Error.INVALID_ARGUMENT.exception("A query parameter must be text without NUL characters.")
                        .with("ArgumentName", badName ? null : pair.getKey());
            }
        }
    }
}
