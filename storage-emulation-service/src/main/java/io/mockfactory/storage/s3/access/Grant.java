package io.mockfactory.storage.s3.access;

import java.util.Objects;

/** One ACL entry: a grantee and the permission it has. */
public record Grant(Grantee grantee, Permission permission) {
    public Grant {
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(permission, "permission");
    }

    public boolean isPublic() {
        return grantee instanceof Grantee.Group group && group.isPublic();
    }
}
