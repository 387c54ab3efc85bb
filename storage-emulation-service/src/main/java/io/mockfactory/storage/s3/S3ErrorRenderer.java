package io.mockfactory.storage.s3;

import java.util.Map;

/** The one place an S3 error becomes a response: S3's XML document with the request id, none for HEAD and 304. */
final class S3ErrorRenderer {
    private S3ErrorRenderer() {
    }

    static S3Response render(S3Exception failure, S3Request request) {
        S3Error error = failure.error();
        S3Response response;
        if (error == S3Error.NOT_MODIFIED || "HEAD".equals(request.method())) {
            response = S3Response.status(error.status());
        } else {
            Xml xml = Xml.bare("Error").element("Code", error.code()).element("Message", failure.getMessage());
            for (Map.Entry<String, String> detail : failure.details().entrySet()) {
                xml.element(detail.getKey(), detail.getValue());
            }
            response = S3Response.xml(error.status(), xml.element("Resource", request.path())
                    .element("RequestId", request.requestId()).element("HostId", request.requestId()).end("Error"));
        }
        failure.headers().forEach(response::header);
        return response;
    }
}
