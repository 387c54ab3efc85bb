package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.Xml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The AccessControlPolicy document: read from a PutBucketAcl/PutObjectAcl body, written for GetBucketAcl/GetObjectAcl. */
public final class AclXml {
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final Pattern CANONICAL_ID = Pattern.compile("[0-9a-fA-F]{64}");

    private AclXml() {
    }

    /** The document exactly as S3 answers it: each Grantee declares xmlns:xsi and its xsi:type. */
    public static String render(Acl acl) {
        Xml xml = Xml.document("AccessControlPolicy");
        xml.open("Owner").element("ID", acl.owner().id()).element("DisplayName", acl.owner().displayName()).close("Owner");
        xml.open("AccessControlList");
        for (Grant grant : acl.grants()) {
            xml.open("Grant");
            if (grant.grantee() instanceof Grantee.CanonicalUser user) {
                xml.open(granteeTag(Grantee.XSI_CANONICAL_USER)).element("ID", user.id()).element("DisplayName", user.displayName());
            } else if (grant.grantee() instanceof Grantee.Group group) {
                xml.open(granteeTag(Grantee.XSI_GROUP)).element("URI", group.uri());
            }
            xml.close("Grantee").element("Permission", grant.permission().name()).close("Grant");
        }
        return xml.close("AccessControlList").end("AccessControlPolicy");
    }

    private static String granteeTag(String type) {
        // Fixed text only: the Xml writer has no attributes, and these two never need escaping
        return "Grantee xmlns:xsi=\"" + XSI + "\" xsi:type=\"" + type + "\"";
    }

    /**
     * Reads an AccessControlPolicy body.
     *
     * @param resourceOwner the bucket's or object's owner: the document must name it as Owner (S3 answers AccessDenied
     *                      to a document that names someone else, as it would to a change of owner)
     * @param bucketOwner   the bucket's owner, whose display name its grants get (may equal resourceOwner)
     */
    public static Acl parse(byte[] body, Owner resourceOwner, Owner bucketOwner) {
        Element root;
        try {
            root = Xml.parse(body);
        } catch (S3Exception e) {
            throw malformed();
        }
        if (!"AccessControlPolicy".equals(Xml.localName(root))) {
            throw malformed();
        }
        String ownerId = trimmed(only(root, "Owner"), "ID");
        if (ownerId == null) {
            throw malformed();
        }
        if (!ownerId.equalsIgnoreCase(resourceOwner.id())) {
            throw S3Error.ACCESS_DENIED.exception();
        }
        Element list = only(root, "AccessControlList");
        if (list == null) {
            throw malformed();
        }
        List<Grant> grants = new ArrayList<>();
        for (Element element : elements(list)) {
            if (!"Grant".equals(Xml.localName(element)) || grants.size() == Acl.MAX_GRANTS) {
                throw malformed();
            }
            grants.add(grant(element, resourceOwner, bucketOwner));
        }
        return new Acl(resourceOwner, grants);
    }

    private static Grant grant(Element element, Owner resourceOwner, Owner bucketOwner) {
        Element grantee = only(element, "Grantee");
        String permissionName = trimmed(element, "Permission");
        if (grantee == null || permissionName == null) {
            throw malformed();
        }
        Grantee who = grantee(grantee, resourceOwner, bucketOwner);
        Permission permission = Permission.named(permissionName).orElseThrow(AclXml::malformed);
        return new Grant(who, permission);
    }

    private static Grantee grantee(Element grantee, Owner resourceOwner, Owner bucketOwner) {
        String type = grantee.getAttributeNS(XSI, "type");
        switch (type) {
            case Grantee.XSI_CANONICAL_USER -> {
                String id = trimmed(grantee, "ID");
                if (id == null) {
                    throw malformed();
                }
                return canonicalUser(id, "CanonicalUser/ID", resourceOwner, bucketOwner);
            }
            case Grantee.XSI_GROUP -> {
                String uri = trimmed(grantee, "URI");
                if (uri == null) {
                    throw malformed();
                }
                return Grantee.Group.byUri(uri).orElseThrow(() -> invalidGroup("Group/URI", uri));
            }
            case Grantee.XSI_EMAIL -> throw S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS.exception()
                    .with("EmailAddress", trimmed(grantee, "EmailAddress"));
            default -> throw malformed();
        }
    }

    /**
     * A grant to a canonical user id. Only its shape is checked (64 hex digits, as every S3 canonical id): whether an
     * environment has it is not knowable here, and a grant to an unknown id simply matches no one.
     */
    static Grantee.CanonicalUser canonicalUser(String id, String argumentName, Owner resourceOwner, Owner bucketOwner) {
        checkCanonicalId(id, argumentName);
        String normalized = id.toLowerCase(Locale.ROOT);
        String displayName = null;
        if (normalized.equals(resourceOwner.id())) {
            displayName = resourceOwner.displayName();
        } else if (bucketOwner != null && normalized.equals(bucketOwner.id())) {
            displayName = bucketOwner.displayName();
        } else if (normalized.equals(CannedAcl.EC2.id())) {
            displayName = CannedAcl.EC2.displayName();
        }
        return new Grantee.CanonicalUser(normalized, displayName);
    }

    static void checkCanonicalId(String id, String argumentName) {
        if (!CANONICAL_ID.matcher(id).matches()) {
            throw S3Error.INVALID_ARGUMENT.exception("Invalid id").with("ArgumentName", argumentName).with("ArgumentValue", id);
        }
    }

    static S3Exception invalidGroup(String argumentName, String uri) {
        return S3Error.INVALID_ARGUMENT.exception("Invalid group uri").with("ArgumentName", argumentName).with("ArgumentValue", uri);
    }

    private static S3Exception malformed() {
        return S3Error.MALFORMED_ACL_ERROR.exception();
    }

    /** The single child of that name; null if there is none, malformed if there are several. */
    private static Element only(Element parent, String name) {
        List<Element> found = Xml.children(parent, name);
        if (found.size() > 1) {
            throw malformed();
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static String trimmed(Element parent, String name) {
        Element child = parent == null ? null : only(parent, name);
        if (child == null) {
            return null;
        }
        String text = child.getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element) {
                found.add(element);
            } else if (node.getNodeType() == Node.TEXT_NODE && !node.getTextContent().isBlank()) {
                throw malformed();
            }
        }
        return found;
    }
}
