package io.mockfactory.storage.s3.ops;

import java.util.List;
import java.util.regex.Pattern;

/**
 * S3's rules for general purpose bucket names, checked when a bucket is created. The reserved prefixes and suffixes
 * name things S3 makes itself (access point aliases, directory and table buckets, …): SDKs and tools parse names that
 * look like them specially, so a bucket named so would be addressed as something else.
 */
final class BucketNames {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {
    }

    static boolean valid(String name) {
        return name != null && SHAPE.matcher(name).matches()
                && !name.contains("..") && !name.contains(".-") && !name.contains("-.")
                && !IP_ADDRESS.matcher(name).matches()
                && RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }
}
