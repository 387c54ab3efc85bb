package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.StoredObject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of ListObjectVersions: every version (delete markers included) under a prefix, by key and then newest
 * first, from a (key-marker, version-id-marker) position, with keys rolled up into common prefixes as {@link KeyWalk}
 * does for current objects.
 */
final class VersionWalk {
    private static final String AFTER_ALL = "\uDBFF\uDFFF";
    private static final int BATCH = 1000;

    record Page(List<StoredObject> versions, List<String> commonPrefixes, boolean truncated, String nextKey,
                String nextVersionId) {
    }

    private VersionWalk() {
    }

    /**
     * @param keyMarker  exclusive: listing starts after this key (all its versions), or inside it when
     *                   {@code markerSeq} is given
     * @param markerSeq  the position of the version-id-marker within {@code keyMarker}, or null
     */
    static Page walk(ObjectRows objects, Connection connection, long bucketId, String prefix, String delimiter,
                     String keyMarker, Long markerSeq, int maxKeys) throws SQLException {
        List<StoredObject> versions = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (maxKeys <= 0) {
            return new Page(versions, prefixes, false, null, null);
        }
        String from = prefix;
        long before = Long.MAX_VALUE;
        if (keyMarker != null && keyMarker.compareTo(prefix) >= 0) {
            String common = keyMarker.startsWith(prefix) ? KeyWalk.commonPrefix(keyMarker, prefix, delimiter) : null;
            if (common != null && common.equals(keyMarker)) {
                from = keyMarker + AFTER_ALL;
            } else {
                from = keyMarker;
                before = markerSeq == null ? Long.MIN_VALUE : markerSeq;
            }
        }
        String lastPrefix = null;
        String nextKey = null;
        String nextVersion = null;
        boolean truncated = false;
        walk:
        while (true) {
            List<ObjectRows.VersionRow> batch = objects.versionsFrom(connection, bucketId, from, before, BATCH);
            for (ObjectRows.VersionRow row : batch) {
                String key = row.object().key();
                if (!key.startsWith(prefix)) {
                    break walk;
                }
                String common = KeyWalk.commonPrefix(key, prefix, delimiter);
                if (common != null && common.equals(lastPrefix)) {
                    continue;
                }
                if (versions.size() + prefixes.size() == maxKeys) {
                    truncated = true;
                    break walk;
                }
                if (common != null) {
                    prefixes.add(common);
                    lastPrefix = common;
                    nextKey = common;
                    nextVersion = null;
                    from = common + AFTER_ALL;
                    before = Long.MAX_VALUE;
                    continue walk;
                }
                versions.add(row.object());
                nextKey = key;
                nextVersion = row.object().versionId();
            }
            if (batch.size() < BATCH) {
                break;
            }
            ObjectRows.VersionRow last = batch.get(batch.size() - 1);
            from = last.object().key();
            before = last.seq();
        }
        return truncated ? new Page(versions, prefixes, true, nextKey, nextVersion)
                : new Page(versions, prefixes, false, null, null);
    }
}
