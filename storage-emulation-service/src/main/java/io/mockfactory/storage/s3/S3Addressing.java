package io.mockfactory.storage.s3;

import java.util.List;
import java.util.Locale;

/**
 * Finds the bucket and key of a request: virtual-host style ({@code bucket.<domain>}) when the Host is a sub-domain
 * of a configured domain, path style ({@code /bucket/key}) otherwise.
 */
final class S3Addressing {
    private final List<String> domains;

    S3Addressing(List<String> domains) {
        this.domains = domains.stream().map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /** @return the bucket named by the Host header (virtual-host style), else null */
    String address(S3Request request) {
        String host = hostWithoutPort(request.header("Host"));
        String path = request.path();
        String rest = path.startsWith("/") ? path.substring(1) : path;
        for (String domain : domains) {
            if (host.endsWith("." + domain)) {
                String bucket = host.substring(0, host.length() - domain.length() - 1);
                request.address(bucket, rest.isEmpty() ? null : rest);
                return bucket;
            }
        }
        if (rest.isEmpty()) {
            request.address(null, null);
            return null;
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            request.address(rest, null);
        } else {
            String key = rest.substring(slash + 1);
            request.address(rest.substring(0, slash), key.isEmpty() ? null : key);
        }
        return null;
    }

    private static String hostWithoutPort(String host) {
        if (host == null) {
            return "";
        }
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            return value;
        }
        int colon = value.lastIndexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
