package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mockfactory.storage.s3.access.IamAction.Target.ACCOUNT;
import static io.mockfactory.storage.s3.access.IamAction.Target.BUCKET;
import static io.mockfactory.storage.s3.access.IamAction.Target.COPY_SOURCE;
import static io.mockfactory.storage.s3.access.IamAction.Target.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IamActionsTest {
    @Test
    void shouldMapObjectOperations() {
        assertEquals(List.of(object("s3:GetObject")), IamActions.of("GetObject", false));
        assertEquals(List.of(object("s3:GetObjectVersion")), IamActions.of("GetObject", true));
        assertEquals(List.of(object("s3:GetObject")), IamActions.of("HeadObject", false));
        assertEquals(List.of(object("s3:GetObjectVersion")), IamActions.of("HeadObject", true));
        for (String upload : List.of("PutObject", "PostObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload")) {
            assertEquals(List.of(object("s3:PutObject")), IamActions.of(upload, false), upload);
        }
        assertEquals(List.of(object("s3:PutObject"), new IamAction("s3:GetObject", COPY_SOURCE)), IamActions.of("CopyObject", false));
        assertEquals(List.of(object("s3:PutObject"), new IamAction("s3:GetObjectVersion", COPY_SOURCE)), IamActions.of("UploadPartCopy", true));
        assertEquals(List.of(object("s3:DeleteObject")), IamActions.of("DeleteObject", false));
        assertEquals(List.of(object("s3:DeleteObjectVersion")), IamActions.of("DeleteObjects", true), "per key");
        assertEquals(List.of(object("s3:AbortMultipartUpload")), IamActions.of("AbortMultipartUpload", false));
        assertEquals(List.of(object("s3:ListMultipartUploadParts")), IamActions.of("ListParts", false));
        assertEquals(List.of(object("s3:GetObject"), object("s3:GetObjectAttributes")), IamActions.of("GetObjectAttributes", false));
        assertEquals(List.of(object("s3:GetObjectVersion"), object("s3:GetObjectVersionAttributes")), IamActions.of("GetObjectAttributes", true));
        assertEquals(List.of(object("s3:GetObjectVersionTagging")), IamActions.of("GetObjectTagging", true));
        assertEquals(List.of(object("s3:PutObjectTagging")), IamActions.of("PutObjectTagging", false));
        assertEquals(List.of(object("s3:DeleteObjectVersionTagging")), IamActions.of("DeleteObjectTagging", true));
        assertEquals(List.of(object("s3:GetObjectAcl")), IamActions.of("GetObjectAcl", false));
        assertEquals(List.of(object("s3:PutObjectVersionAcl")), IamActions.of("PutObjectAcl", true));
    }

    @Test
    void shouldMapBucketOperations() {
        assertEquals(List.of(bucket("s3:ListBucket")), IamActions.of("HeadBucket", false));
        assertEquals(List.of(bucket("s3:ListBucket")), IamActions.of("ListObjectsV2", false));
        assertEquals(List.of(bucket("s3:ListBucket")), IamActions.of("ListObjects", false));
        assertEquals(List.of(bucket("s3:ListBucketVersions")), IamActions.of("ListObjectVersions", false));
        assertEquals(List.of(bucket("s3:ListBucketMultipartUploads")), IamActions.of("ListMultipartUploads", false));
        for (String same : List.of("GetBucketAcl", "PutBucketAcl", "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy",
                "GetBucketPolicyStatus", "GetBucketTagging", "PutBucketTagging", "GetBucketVersioning", "PutBucketVersioning",
                "GetBucketOwnershipControls", "PutBucketOwnershipControls", "GetBucketLocation", "DeleteBucket", "CreateBucket")) {
            assertEquals(List.of(bucket("s3:" + same)), IamActions.of(same, false), same);
        }
        assertEquals(List.of(bucket("s3:PutBucketTagging")), IamActions.of("DeleteBucketTagging", false));
        assertEquals(List.of(bucket("s3:PutBucketOwnershipControls")), IamActions.of("DeleteBucketOwnershipControls", false));
        assertEquals(List.of(bucket("s3:GetBucketCORS")), IamActions.of("GetBucketCors", false));
        assertEquals(List.of(bucket("s3:PutBucketCORS")), IamActions.of("PutBucketCors", false));
        assertEquals(List.of(bucket("s3:PutBucketCORS")), IamActions.of("DeleteBucketCors", false));
        assertEquals(List.of(bucket("s3:GetBucketPublicAccessBlock")), IamActions.of("GetPublicAccessBlock", false));
        assertEquals(List.of(bucket("s3:PutBucketPublicAccessBlock")), IamActions.of("PutPublicAccessBlock", false));
        assertEquals(List.of(bucket("s3:PutBucketPublicAccessBlock")), IamActions.of("DeletePublicAccessBlock", false));
        assertEquals(List.of(new IamAction("s3:ListAllMyBuckets", ACCOUNT)), IamActions.of("ListBuckets", false));
    }

    @Test
    void shouldRefuseOperationsItDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> IamActions.of("Unknown", false));
        assertThrows(IllegalArgumentException.class, () -> IamActions.of("getobject", false));
    }

    @Test
    void shouldWriteResourceArns() {
        assertEquals("arn:aws:s3:::b", IamAction.arn("b", null));
        assertEquals("arn:aws:s3:::b/a/k", IamAction.arn("b", "a/k"));
    }

    @Test
    void shouldOnlyNameActionsAValidPolicyCanName() {
        // Every action of the table is one a bucket policy may list for the resource kind it is checked on
        for (String operation : List.of("GetObject", "PutObject", "CopyObject", "DeleteObject", "AbortMultipartUpload", "ListParts",
                "GetObjectAttributes", "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging", "GetObjectAcl", "PutObjectAcl",
                "ListObjects", "ListObjectVersions", "ListMultipartUploads", "GetBucketAcl", "PutBucketPolicy", "DeleteBucketTagging",
                "GetBucketCors", "PutPublicAccessBlock", "GetBucketOwnershipControls", "GetBucketLocation", "DeleteBucket")) {
            for (boolean versioned : new boolean[]{false, true}) {
                for (IamAction action : IamActions.of(operation, versioned)) {
                    String resource = action.target() == BUCKET ? "arn:aws:s3:::b" : "arn:aws:s3:::b/*";
                    BucketPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"" + action.action()
                            + "\",\"Resource\":\"" + resource + "\"}}", "b");
                }
            }
        }
    }

    private static IamAction object(String action) {
        return new IamAction(action, OBJECT);
    }

    private static IamAction bucket(String action) {
        return new IamAction(action, BUCKET);
    }
}
