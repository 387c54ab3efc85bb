package io.mockfactory.storage.s3.cors;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.Xml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code CORSConfiguration} document of PutBucketCors and GetBucketCors. A document is checked as S3 checks it:
 * its structure first (anything but 1 to 100 {@code CORSRule}s each with an AllowedOrigin and an AllowedMethod,
 * unknown elements, stray text, a repeated ID or MaxAgeSeconds: MalformedXML), then each rule's values in order
 * (an unsupported method, more than one wildcard in an origin or allowed header, any in an expose header:
 * InvalidRequest with S3's sentence).
 */
public final class CorsXml {
    static final int MAX_RULES = 100;
    static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    private static final Set<String> RULE_ELEMENTS = Set.of("ID", "AllowedOrigin", "AllowedMethod", "AllowedHeader",
            "ExposeHeader", "MaxAgeSeconds");
    private static final int MAX_ID = 255;
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    private CorsXml() {
    }

    public static List<CorsRule> parse(byte[] body) {
        Element root = Xml.parse(body);
        if (!"CORSConfiguration".equals(Xml.localName(root))) {
            throw malformed();
        }
        List<Element> ruleElements = elements(root, Set.of("CORSRule"));
        if (ruleElements.isEmpty() || ruleElements.size() > MAX_RULES) {
            throw malformed();
        }
        List<CorsRule> rules = new ArrayList<>();
        for (Element rule : ruleElements) {
            rules.add(structure(rule));
        }
        rules.forEach(CorsXml::checkValues);
        return rules;
    }

    public static String write(List<CorsRule> rules) {
        Xml xml = Xml.document("CORSConfiguration");
        for (CorsRule rule : rules) {
            // The order GetBucketCors answers in, whatever order PutBucketCors was sent in
            xml.open("CORSRule").element("ID", rule.id());
            rule.allowedMethods().forEach(method -> xml.element("AllowedMethod", method));
            rule.allowedOrigins().forEach(origin -> xml.element("AllowedOrigin", origin));
            rule.allowedHeaders().forEach(header -> xml.element("AllowedHeader", header));
            xml.element("MaxAgeSeconds", rule.maxAgeSeconds());
            rule.exposeHeaders().forEach(header -> xml.element("ExposeHeader", header));
            xml.close("CORSRule");
        }
        return xml.end("CORSConfiguration");
    }

    private static CorsRule structure(Element rule) {
        List<Element> children = elements(rule, RULE_ELEMENTS);
        List<String> origins = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        List<String> expose = new ArrayList<>();
        String id = null;
        Integer maxAge = null;
        boolean seenId = false;
        boolean seenMaxAge = false;
        for (Element child : children) {
            String value = value(child);
            switch (Xml.localName(child)) {
                case "AllowedOrigin" -> origins.add(value);
                case "AllowedMethod" -> methods.add(value);
                case "AllowedHeader" -> headers.add(value);
                case "ExposeHeader" -> expose.add(value);
                case "ID" -> {
                    if (seenId || value.length() > MAX_ID) {
                        throw malformed();
                    }
                    seenId = true;
                    id = value;
                }
                default -> {
                    if (seenMaxAge) {
                        throw malformed();
                    }
                    seenMaxAge = true;
                    maxAge = maxAge(value);
                }
            }
        }
        if (origins.isEmpty() || methods.isEmpty()) {
            throw malformed();
        }
        return new CorsRule(id, origins, methods, headers, expose, maxAge);
    }

    private static void checkValues(CorsRule rule) {
        for (String method : rule.allowedMethods()) {
            if (!METHODS.contains(method)) {
                throw S3Error.INVALID_REQUEST.exception("Found unsupported HTTP method in CORS config. Unsupported method is " + method);
            }
        }
        for (String origin : rule.allowedOrigins()) {
            if (CorsRule.Wildcard.hasMoreThanOne(origin)) {
                throw S3Error.INVALID_REQUEST.exception("AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
            }
        }
        for (String header : rule.allowedHeaders()) {
            if (CorsRule.Wildcard.hasMoreThanOne(header)) {
                throw S3Error.INVALID_REQUEST.exception("AllowedHeader \"" + header + "\" can not have more than one wildcard.");
            }
        }
        for (String header : rule.exposeHeaders()) {
            if (header.contains("*")) {
                throw S3Error.INVALID_REQUEST.exception("ExposeHeader \"" + header
                        + "\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
            }
            // Answered back verbatim in Access-Control-Expose-Headers: a line break there would split the response head
            if (!HEADER_NAME.matcher(header).matches()) {
                throw S3Error.INVALID_REQUEST.exception("ExposeHeader \"" + header + "\" is not an HTTP header name.");
            }
        }
    }

    private static Integer maxAge(String value) {
        if (!DIGITS.matcher(value).matches()) {
            throw malformed();
        }
        long seconds = Long.parseLong(value);
        if (seconds > Integer.MAX_VALUE) {
            throw malformed();
        }
        return (int) seconds;
    }

    /** The child elements of {@code parent}, all of them named in {@code allowed}; text between them may only be blank. */
    private static List<Element> elements(Element parent, Set<String> allowed) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element) {
                if (!allowed.contains(Xml.localName(element))) {
                    throw malformed();
                }
                found.add(element);
            } else if (isText(node) && !node.getNodeValue().isBlank()) {
                throw malformed();
            }
        }
        return found;
    }

    /** A value element holds text only (comments and CDATA sections are fine), never another element. */
    private static String value(Element element) {
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element) {
                throw malformed();
            }
        }
        return element.getTextContent();
    }

    private static boolean isText(Node node) {
        return node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE;
    }

    private static S3Exception malformed() {
        return S3Error.MALFORMED_XML.exception();
    }
}
