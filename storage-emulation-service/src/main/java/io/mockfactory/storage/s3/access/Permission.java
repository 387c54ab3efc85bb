package io.mockfactory.storage.s3.access;

import java.util.Optional;

/** An ACL permission; FULL_CONTROL implies each of the others. */
public enum Permission {
    READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL;

    public boolean implies(Permission wanted) {
        return this == FULL_CONTROL || this == wanted;
    }

    /** The permission S3 spells this way (exactly: S3's schema is case-sensitive). */
    public static Optional<Permission> named(String name) {
        for (Permission permission : values()) {
            if (permission.name().equals(name)) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }
}
