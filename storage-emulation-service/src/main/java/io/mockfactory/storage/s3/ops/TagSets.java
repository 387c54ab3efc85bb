package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.UriEncoding;
import io.mockfactory.storage.s3.Xml;
import org.w3c.dom.Element;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Tag sets as S3 takes them (a Tagging document, or the x-amz-tagging header's query string) and checks them. */
public final class TagSets {
    public static final int OBJECT_LIMIT = 10;
    static final int BUCKET_LIMIT = 50;
    private static final int KEY_LENGTH = 128;
    private static final int VALUE_LENGTH = 256;
    /** S3's allowed characters: letters, digits and spaces in any script, and + - = . _ : / @ */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private TagSets() {
    }

    public static Map<String, String> fromXml(byte[] body, int limit) {
        Element root = Xml.parse(body);
        Element set = "Tagging".equals(Xml.localName(root)) ? Xml.child(root, "TagSet") : null;
        if (set == null) {
            throw S3Error.MALFORMED_XML.exception();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Element tag : Xml.children(set, "Tag")) {
            String key = Xml.childText(tag, "Key");
            String value = Xml.childText(tag, "Value");
            if (key == null || value == null) {
                throw S3Error.MALFORMED_XML.exception();
            }
            add(tags, key, value);
        }
        return checked(tags, limit);
    }

    /** {@code x-amz-tagging: k1=v1&k2=v2}, URL-encoded; null when the header is absent. */
    public static Map<String, String> fromHeader(String header) {
        if (header == null) {
            return null;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : UriEncoding.decode(pair.substring(eq + 1), true);
            add(tags, key, value);
        }
        return checked(tags, OBJECT_LIMIT);
    }

    static String toXml(Map<String, String> tags) {
        Xml xml = Xml.document("Tagging").open("TagSet");
        tags.forEach((key, value) -> xml.open("Tag").element("Key", key).element("Value", value).close("Tag"));
        return xml.close("TagSet").end("Tagging");
    }

    private static void add(Map<String, String> tags, String key, String value) {
        if (tags.putIfAbsent(key, value) != null) {
            throw S3Error.INVALID_TAG.exception("Cannot provide multiple Tags with the same key");
        }
    }

    private static Map<String, String> checked(Map<String, String> tags, int limit) {
        if (tags.size() > limit) {
            throw S3Error.BAD_REQUEST.exception((limit == OBJECT_LIMIT ? "Object" : "Bucket") + " tags cannot be greater than "
                    + limit);
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key.isEmpty() || key.codePointCount(0, key.length()) > KEY_LENGTH) {
                throw S3Error.INVALID_TAG.exception("The TagKey you have provided is invalid");
            }
            if (tag.getValue().codePointCount(0, tag.getValue().length()) > VALUE_LENGTH) {
                throw S3Error.INVALID_TAG.exception("The TagValue you have provided is too long, max " + VALUE_LENGTH);
            }
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw S3Error.INVALID_TAG.exception("Your TagKey cannot be prefixed with aws:");
            }
            if (!ALLOWED.matcher(key).matches() || !ALLOWED.matcher(tag.getValue()).matches()) {
                throw S3Error.INVALID_TAG.exception("The TagKey or TagValue you have provided contains characters S3 does not allow");
            }
        }
        return tags;
    }
}
