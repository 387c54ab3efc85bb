package io.mockfactory.storage.s3.access;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 CIDR block of IpAddress/NotIpAddress, and the strict address syntax both sides use. Parsed by hand,
 * never by InetAddress, which would resolve a host name through DNS. An IPv4-mapped IPv6 request address (what a
 * dual-stack socket reports for an IPv4 client) is also tried as its IPv4 address.
 */
final class IpRange {
    private final byte[] network;
    private final int prefix;

    private IpRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** A block ("203.0.113.0/24", "2001:db8::/32") or one address; null if it is not one. */
    static IpRange parse(String text) {
        int slash = text.indexOf('/');
        byte[] address = address(slash < 0 ? text : text.substring(0, slash), false);
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        if (slash < 0) {
            return new IpRange(address, bits);
        }
        String digits = text.substring(slash + 1);
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int prefix = Integer.parseInt(digits);
        return prefix > bits ? null : new IpRange(address, prefix);
    }

    int prefix() {
        return prefix;
    }

    boolean isIpv4() {
        return network.length == 4;
    }

    /** Whether the request address (a string from aws:SourceIp) is in this block. */
    boolean contains(String requestAddress) {
        byte[] address = address(requestAddress, true);
        if (address == null) {
            return false;
        }
        if (contains(address)) {
            return true;
        }
        byte[] mapped = ipv4Mapped(address);
        return mapped != null && contains(mapped);
    }

    private boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    private static byte[] ipv4Mapped(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return null;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF ? Arrays.copyOfRange(address, 12, 16) : null;
    }

    /** @param zoneAllowed whether an IPv6 zone ("%eth0") may follow, as it may in a socket's address */
    static byte[] address(String text, boolean zoneAllowed) {
        if (text.indexOf(':') >= 0) {
            int percent = text.indexOf('%');
            if (percent >= 0) {
                if (!zoneAllowed || percent == text.length() - 1) {
                    return null;
                }
                text = text.substring(0, percent);
            }
            return ipv6(text);
        }
        return ipv4(text);
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            out[i] = (byte) value;
        }
        return out;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] first = groups(head, gap < 0);
        int[] second = gap < 0 ? new int[0] : groups(tail, true);
        if (first == null || second == null) {
            return null;
        }
        int total = first.length + second.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, 8 - second.length, second.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** The 16-bit groups of one side of "::"; the last may be a dotted IPv4 address (two groups) if it ends the address. */
    private static int[] groups(String text, boolean endsAddress) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] out = new int[parts.length + 1];
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && endsAddress && part.indexOf('.') >= 0) {
                byte[] v4 = ipv4(part);
                if (v4 == null) {
                    return null;
                }
                out[count++] = (v4[0] & 0xFF) << 8 | (v4[1] & 0xFF);
                out[count++] = (v4[2] & 0xFF) << 8 | (v4[3] & 0xFF);
            } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpRange::isHexDigit)) {
                return null;
            } else {
                out[count++] = Integer.parseInt(part, 16);
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
