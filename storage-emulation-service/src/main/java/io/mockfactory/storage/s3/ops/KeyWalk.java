package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.StoredObject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a bucket listing: keys under a prefix after a position, with keys that share a prefix up to the next
 * delimiter rolled up into common prefixes. A rolled-up prefix is skipped with one index seek, so a listing with a
 * delimiter stays cheap however many keys each prefix holds.
 */
final class KeyWalk {
    /** Above every key that starts with a given prefix (U+10FFFF is the largest code point; byte-wise it sorts last). */
    private static final String AFTER_ALL = "\uDBFF\uDFFF";
    private static final int BATCH = 1000;
    /** After skipping a rolled-up prefix the next key is often another prefix: look ahead a little, then widen. */
    private static final int SEEK = 8;

    record Page(List<StoredObject> contents, List<String> commonPrefixes, boolean truncated, String last) {
        int count() {
            return contents.size() + commonPrefixes.size();
        }
    }

    private KeyWalk() {
    }

    /**
     * @param after exclusive position: a key, or a common prefix returned by an earlier page (then everything under it
     *              is skipped); null to start at the prefix
     */
    static Page walk(ObjectRows objects, Connection connection, long bucketId, String prefix, String delimiter, String after,
                     int maxKeys) throws SQLException {
        List<StoredObject> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (maxKeys <= 0) {
            return new Page(contents, prefixes, false, null);
        }
        String cursor = prefix;
        boolean inclusive = true;
        if (after != null && after.compareTo(prefix) >= 0) {
            cursor = isCommonPrefix(after, prefix, delimiter) ? after + AFTER_ALL : after;
            inclusive = false;
        }
        String lastPrefix = null;
        String last = null;
        boolean truncated = false;
        int limit = Math.min(BATCH, maxKeys + 1);
        walk:
        while (true) {
            List<StoredObject> batch = objects.listFrom(connection, bucketId, cursor, inclusive, limit);
            for (StoredObject object : batch) {
                String key = object.key();
                if (!key.startsWith(prefix)) {
                    break walk;
                }
                String common = commonPrefix(key, prefix, delimiter);
                if (common != null && common.equals(lastPrefix)) {
                    continue;
                }
                if (contents.size() + prefixes.size() == maxKeys) {
                    truncated = true;
                    break walk;
                }
                if (common != null) {
                    prefixes.add(common);
                    lastPrefix = common;
                    last = common;
                    cursor = common + AFTER_ALL;
                    inclusive = false;
                    limit = SEEK;
                    continue walk;
                }
                contents.add(object);
                last = key;
            }
            if (batch.size() < limit) {
                break;
            }
            cursor = batch.get(batch.size() - 1).key();
            inclusive = false;
            limit = Math.min(BATCH, limit * 4);
        }
        return new Page(contents, prefixes, truncated, last);
    }

    static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    private static boolean isCommonPrefix(String position, String prefix, String delimiter) {
        String common = position.startsWith(prefix) ? commonPrefix(position, prefix, delimiter) : null;
        return common != null && common.equals(position);
    }
}
