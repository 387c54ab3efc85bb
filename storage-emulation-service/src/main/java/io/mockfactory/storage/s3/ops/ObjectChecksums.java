package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.ChecksumType;

import java.util.Optional;

/** An object's stored checksum as the answers name it. */
final class ObjectChecksums {
    private ObjectChecksums() {
    }

    /** The algorithm of the object's checksum, if it has one. */
    static Optional<ChecksumAlgorithm> algorithm(StoredObject object) {
        return object.checksum() == null ? Optional.empty() : ChecksumAlgorithm.fromName(object.checksumAlgorithm());
    }

    /** COMPOSITE or FULL_OBJECT for an object with a checksum (also one stored before types were kept), else none. */
    static Optional<ChecksumType> type(StoredObject object) {
        return algorithm(object).map(algorithm -> ChecksumType.ofStored(object.checksumType(), object.checksum()));
    }

    /** The {@code ChecksumType} of a listing entry, beside its {@code ChecksumAlgorithm}. */
    static String listedType(StoredObject object) {
        return type(object).map(Enum::name).orElse(null);
    }
}
