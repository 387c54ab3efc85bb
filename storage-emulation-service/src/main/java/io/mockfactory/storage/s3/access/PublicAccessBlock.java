package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.Xml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bucket's PublicAccessBlockConfiguration. BlockPublicAcls and BlockPublicPolicy refuse public ACLs and policies
 * when they are put ({@link #checkAcl}, {@link #checkPolicy}); IgnorePublicAcls and RestrictPublicBuckets change how
 * access is decided ({@link AccessDecider}).
 */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                                boolean restrictPublicBuckets) {
    /** No configuration: nothing blocked. */
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);
    /** Everything blocked: what S3 gives a new bucket (since April 2023) unless told otherwise. */
    public static final PublicAccessBlock ALL = new PublicAccessBlock(true, true, true, true);

    private static final List<String> ELEMENTS = List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
            "RestrictPublicBuckets");

    /**
     * Reads a PutPublicAccessBlock body: an element left out is false, but at least one must be there.
     *
     * @throws S3Exception MalformedXML, or InvalidRequest for a configuration without any setting
     */
    public static PublicAccessBlock parse(byte[] body) {
        Element root = Xml.parse(body);
        if (!"PublicAccessBlockConfiguration".equals(Xml.localName(root))) {
            throw S3Error.MALFORMED_XML.exception();
        }
        Map<String, Boolean> settings = new HashMap<>();
        NodeList nodes = root.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element) {
                String name = Xml.localName(element);
                Boolean value = PolicyValues.bool(element.getTextContent().strip());
                if (!ELEMENTS.contains(name) || value == null || settings.put(name, value) != null) {
                    throw S3Error.MALFORMED_XML.exception();
                }
            } else if (node.getNodeType() == Node.TEXT_NODE && !node.getTextContent().isBlank()) {
                throw S3Error.MALFORMED_XML.exception();
            }
        }
        if (settings.isEmpty()) {
            throw S3Error.INVALID_REQUEST.exception("Must specify at least one configuration.");
        }
        return new PublicAccessBlock(settings.getOrDefault("BlockPublicAcls", false),
                settings.getOrDefault("IgnorePublicAcls", false), settings.getOrDefault("BlockPublicPolicy", false),
                settings.getOrDefault("RestrictPublicBuckets", false));
    }

    /** The GetPublicAccessBlock answer: every setting, true or false. */
    public String toXml() {
        return Xml.document("PublicAccessBlockConfiguration").element("BlockPublicAcls", blockPublicAcls)
                .element("IgnorePublicAcls", ignorePublicAcls).element("BlockPublicPolicy", blockPublicPolicy)
                .element("RestrictPublicBuckets", restrictPublicBuckets).end("PublicAccessBlockConfiguration");
    }

    /**
     * BlockPublicAcls: a PutBucketAcl, PutObjectAcl, PutObject (CopyObject, CreateMultipartUpload) or CreateBucket
     * whose ACL is public is refused with AccessDenied.
     */
    public void checkAcl(Acl acl) {
        if (blockPublicAcls && acl.isPublic()) {
            throw S3Error.ACCESS_DENIED.exception();
        }
    }

    /** BlockPublicPolicy: a PutBucketPolicy whose policy is public is refused with AccessDenied. */
    public void checkPolicy(BucketPolicy policy) {
        if (blockPublicPolicy && PublicPolicy.isPublic(policy)) {
            throw S3Error.ACCESS_DENIED.exception();
        }
    }
}
