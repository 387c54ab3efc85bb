package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a request's headers say about the ACL it sets: a canned ACL (x-amz-acl), explicit grants (x-amz-grant-*), or
 * nothing. Read on CreateBucket, PutObject, CopyObject, CreateMultipartUpload; {@link #forPutAcl} adds the body that
 * PutBucketAcl and PutObjectAcl may carry instead.
 */
public final class AclRequest {
    private static final Map<String, Permission> GRANT_HEADERS = grantHeaders();

    private final CannedAcl canned;
    private final List<HeaderGrant> grants;

    /** A header grant before it is tied to owners (which give known canonical users their display names). */
    private record HeaderGrant(Permission permission, Grantee.Group group, String id) {
    }

    private AclRequest(CannedAcl canned, List<HeaderGrant> grants) {
        this.canned = canned;
        this.grants = grants;
    }

    private static Map<String, Permission> grantHeaders() {
        Map<String, Permission> headers = new LinkedHashMap<>();
        headers.put("x-amz-grant-read", Permission.READ);
        headers.put("x-amz-grant-write", Permission.WRITE);
        headers.put("x-amz-grant-read-acp", Permission.READ_ACP);
        headers.put("x-amz-grant-write-acp", Permission.WRITE_ACP);
        headers.put("x-amz-grant-full-control", Permission.FULL_CONTROL);
        return headers;
    }

    /**
     * @param header a request header by name (null when absent), e.g. {@code request::header}
     * @throws S3Exception InvalidArgument for an unknown canned ACL or a grantee S3 cannot read, InvalidRequest for a
     *                     canned ACL together with grant headers, UnresolvableGrantByEmailAddress for an e-mail grantee
     */
    public static AclRequest read(Function<String, String> header) {
        String cannedValue = header.apply("x-amz-acl");
        CannedAcl canned = cannedValue == null ? null : CannedAcl.parse(cannedValue.strip());
        List<HeaderGrant> grants = new ArrayList<>();
        for (Map.Entry<String, Permission> grantHeader : GRANT_HEADERS.entrySet()) {
            String value = header.apply(grantHeader.getKey());
            if (value != null && !value.isBlank()) {
                for (String grantee : splitGrantees(value)) {
                    grants.add(headerGrant(grantHeader.getKey(), grantHeader.getValue(), grantee));
                }
            }
        }
        if (canned != null && !grants.isEmpty()) {
            throw S3Error.INVALID_REQUEST.exception("Specifying both Canned ACLs and Header Grants is not allowed");
        }
        return new AclRequest(canned, List.copyOf(grants));
    }

    /**
     * The ACL PutBucketAcl or PutObjectAcl sets: from its headers or from its AccessControlPolicy body (not both: S3
     * answers UnexpectedContent), or MissingSecurityHeader when it has neither.
     */
    public static Acl forPutAcl(Function<String, String> header, byte[] body, Owner resourceOwner, Owner bucketOwner) {
        AclRequest headers = read(header);
        boolean hasBody = body != null && body.length > 0;
        if (!headers.isEmpty()) {
            if (hasBody) {
                throw S3Error.UNEXPECTED_CONTENT.exception();
            }
            return headers.toAcl(resourceOwner, bucketOwner);
        }
        if (!hasBody) {
            throw S3Error.MISSING_SECURITY_HEADER.exception().with("MissingHeaderName", "x-amz-acl");
        }
        return AclXml.parse(body, resourceOwner, bucketOwner);
    }

    public boolean isEmpty() {
        return canned == null && grants.isEmpty();
    }

    public Optional<CannedAcl> canned() {
        return Optional.ofNullable(canned);
    }

    public boolean hasGrantHeaders() {
        return !grants.isEmpty();
    }

    /**
     * The ACL a new (or re-ACLed) resource gets: the canned ACL's grants, else exactly the header grants (S3 does not
     * add the owner's FULL_CONTROL to them), else private.
     *
     * @param owner       the resource's owner (the bucket's, or the object's writer)
     * @param bucketOwner the bucket's owner (for an object's bucket-owner-* canned ACLs; the owner itself for a bucket)
     */
    public Acl toAcl(Owner owner, Owner bucketOwner) {
        if (canned != null) {
            return canned.toAcl(owner, bucketOwner);
        }
        if (grants.isEmpty()) {
            return Acl.privateTo(owner);
        }
        List<Grant> resolved = new ArrayList<>();
        for (HeaderGrant grant : grants) {
            Grantee grantee = grant.group() != null ? grant.group() : AclXml.canonicalUser(grant.id(), "id", owner, bucketOwner);
            resolved.add(new Grant(grantee, grant.permission()));
        }
        return new Acl(owner, resolved);
    }

    private static HeaderGrant headerGrant(String headerName, Permission permission, String grantee) {
        int equals = grantee.indexOf('=');
        if (equals < 0) {
            throw unrecognized(headerName, grantee);
        }
        String type = grantee.substring(0, equals).strip();
        String value = unquote(grantee.substring(equals + 1).strip());
        return switch (type) {
            case "id" -> {
                // Checked now, named later (toAcl knows the owners): the shape is all that can be wrong
                AclXml.checkCanonicalId(value, "id");
                yield new HeaderGrant(permission, null, value);
            }
            case "uri" -> new HeaderGrant(permission, Grantee.Group.byUri(value).orElseThrow(() -> AclXml.invalidGroup("uri", value)), null);
            case "emailAddress" -> throw S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS.exception().with("EmailAddress", value);
            default -> throw unrecognized(headerName, grantee);
        };
    }

    private static S3Exception unrecognized(String headerName, String grantee) {
        return S3Error.INVALID_ARGUMENT.exception("Argument format not recognized").with("ArgumentName", headerName)
                .with("ArgumentValue", grantee);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The comma-separated grantees of one header; a comma inside quotes belongs to its value. */
    private static List<String> splitGrantees(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts;
    }
}
