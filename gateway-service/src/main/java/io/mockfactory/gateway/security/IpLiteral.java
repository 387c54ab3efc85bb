package io.mockfactory.gateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Reads an IP address literal, and nothing else: the text comes from clients and configuration, and must never make
 * the gateway resolve a name ({@link InetAddress#getByName} would look anything that is not a literal up in DNS).
 */
final class IpLiteral {
    /** The longest IPv6 text form, {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    private static final int MAX_IPV6_LENGTH = 45;

    private IpLiteral() {
    }

    /** An IPv4 dotted quad or an IPv6 address (IPv4-mapped ones come back as IPv4); empty for anything else. */
    static Optional<InetAddress> parse(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    /**
     * Strictly four decimal octets. Leading zeros are refused because some parsers read them as octal, and the short
     * forms ({@code 10.1}, a bare integer) because they are never what a proxy writes.
     */
    private static Optional<InetAddress> ipv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty() || octet.length() > 3 || (octet.length() > 1 && octet.charAt(0) == '0')
                    || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(byAddress(bytes));
    }

    /**
     * Only hex digits, ':' and '.' (no zone ids, no names) reach {@link InetAddress}, and in brackets, which makes it
     * read a literal or fail: it never falls back to a lookup.
     */
    private static Optional<InetAddress> ipv6(String text) {
        if (text.length() > MAX_IPV6_LENGTH || !text.chars().allMatch(IpLiteral::isIpv6Char)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }

    private static boolean isIpv6Char(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            // only thrown for an array that is neither 4 nor 16 bytes long
            throw new IllegalArgumentException(impossible);
        }
    }
}
