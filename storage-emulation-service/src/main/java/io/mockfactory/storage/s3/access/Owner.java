package io.mockfactory.storage.s3.access;

import java.util.Objects;

/** The owner of a bucket or object as S3 writes it: canonical user id and display name (null when not known). */
public record Owner(String id, String displayName) {
    public Owner {
        Objects.requireNonNull(id, "id");
    }
}
