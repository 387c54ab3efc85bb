package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The document of a CompleteMultipartUpload: the parts it lists, each with its ETag and at most one checksum. */
final class CompletionDocument {
    private CompletionDocument() {
    }

    record SentChecksum(ChecksumAlgorithm algorithm, String value) {
    }

    record RequestedPart(int number, String etag, Optional<SentChecksum> checksum) {
    }

    static List<RequestedPart> parts(byte[] body) {
        Element root = Xml.parse(body);
        if (!"CompleteMultipartUpload".equals(Xml.localName(root))) {
            throw S3Error.MALFORMED_XML.exception();
        }
        List<RequestedPart> parts = new ArrayList<>();
        for (Element part : Xml.children(root, "Part")) {
            String number = Xml.childText(part, "PartNumber");
            String etag = Xml.childText(part, "ETag");
            if (number == null || etag == null) {
                throw S3Error.MALFORMED_XML.exception();
            }
            int parsed;
            try {
                parsed = Integer.parseInt(number.strip());
            } catch (NumberFormatException e) {
                throw S3Error.MALFORMED_XML.exception();
            }
            parts.add(new RequestedPart(parsed, etag.strip().replace("\"", ""), checksum(part)));
        }
        if (parts.isEmpty()) {
            throw S3Error.MALFORMED_XML.exception("You must specify at least one part");
        }
        return parts;
    }

    /** Two checksums, or one that is no value of its algorithm, are refused naming all the part gave, as S3 does. */
    private static Optional<SentChecksum> checksum(Element part) {
        List<SentChecksum> sent = new ArrayList<>();
        StringBuilder described = new StringBuilder();
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = Xml.childText(part, algorithm.elementName());
            if (value != null) {
                sent.add(new SentChecksum(algorithm, value.strip()));
                described.append(algorithm.name()).append(':').append(value.strip()).append(';');
            }
        }
        if (sent.size() > 1 || (sent.size() == 1 && sent.get(0).algorithm().decode(sent.get(0).value()) == null)) {
            throw S3Error.INVALID_ARGUMENT.exception("Invalid Base64 or multiple checksums present in request")
                    .with("ArgumentName", "Checksum").with("ArgumentValue", described.toString());
        }
        return sent.stream().findFirst();
    }
}
