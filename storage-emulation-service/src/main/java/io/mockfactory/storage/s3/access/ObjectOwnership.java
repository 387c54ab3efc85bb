package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.Xml;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Optional;

/**
 * A bucket's Object Ownership (its OwnershipControls rule). BucketOwnerEnforced disables ACLs: the bucket owner owns
 * every object, ACLs grant nothing, and only ACLs equivalent to the bucket owner's FULL_CONTROL may still be set.
 * A bucket without ownership controls behaves as ObjectWriter.
 */
public enum ObjectOwnership {
    BUCKET_OWNER_ENFORCED("BucketOwnerEnforced"), BUCKET_OWNER_PREFERRED("BucketOwnerPreferred"), OBJECT_WRITER("ObjectWriter");

    private final String awsName;

    ObjectOwnership(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    /** The setting S3 spells this way (the x-amz-object-ownership header of CreateBucket takes the same names). */
    public static Optional<ObjectOwnership> named(String name) {
        for (ObjectOwnership ownership : values()) {
            if (ownership.awsName.equals(name)) {
                return Optional.of(ownership);
            }
        }
        return Optional.empty();
    }

    public boolean aclsEnabled() {
        return this != BUCKET_OWNER_ENFORCED;
    }

    /**
     * Reads a PutBucketOwnershipControls body: exactly one Rule with one known ObjectOwnership.
     *
     * @throws S3Exception MalformedXML otherwise
     */
    public static ObjectOwnership parseControls(byte[] body) {
        Element root = Xml.parse(body);
        List<Element> rules = Xml.children(root, "Rule");
        if (!"OwnershipControls".equals(Xml.localName(root)) || rules.size() != 1) {
            throw S3Error.MALFORMED_XML.exception();
        }
        List<Element> settings = Xml.children(rules.get(0), "ObjectOwnership");
        if (settings.size() != 1) {
            throw S3Error.MALFORMED_XML.exception();
        }
        return named(settings.get(0).getTextContent().strip()).orElseThrow(S3Error.MALFORMED_XML::exception);
    }

    /** The GetBucketOwnershipControls answer. */
    public String controlsXml() {
        return Xml.document("OwnershipControls").open("Rule").element("ObjectOwnership", awsName).close("Rule")
                .end("OwnershipControls");
    }

    /**
     * PutBucketAcl, PutObjectAcl and PutObject (CopyObject, CreateMultipartUpload) on a bucket with ACLs disabled:
     * refused with AccessControlListNotSupported unless the ACL only gives the bucket owner FULL_CONTROL (private,
     * bucket-owner-full-control, or the same spelled as grants). Work the ACL out with the bucket owner as its owner.
     */
    public void checkAcl(Acl acl, Owner bucketOwner) {
        if (!aclsEnabled() && !acl.onlyBucketOwnerFullControl(bucketOwner)) {
            throw S3Error.ACCESS_CONTROL_LIST_NOT_SUPPORTED.exception();
        }
    }

    /** CreateBucket with an ACL and (explicitly or by default) BucketOwnerEnforced: InvalidBucketAclWithObjectOwnership. */
    public void checkCreateBucketAcl(Acl acl, Owner bucketOwner) {
        if (!aclsEnabled() && !acl.onlyBucketOwnerFullControl(bucketOwner)) {
            throw S3Error.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP.exception();
        }
    }

    /** The ACL GetBucketAcl/GetObjectAcl answer: with ACLs disabled, the bucket owner's FULL_CONTROL whatever is stored. */
    public Acl effectiveAcl(Acl stored, Owner bucketOwner) {
        return aclsEnabled() ? stored : Acl.privateTo(bucketOwner);
    }
}
