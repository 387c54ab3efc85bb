package io.mockfactory.gateway.security;

import java.net.InetAddress;
import java.util.Arrays;

/** One entry of the trusted-proxies setting: a single address, or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}). */
final class AddressBlock {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private AddressBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = IpLiteral.byAddress(network).getHostAddress() + "/" + prefixLength;
    }

    /** @throws IllegalArgumentException saying what is wrong with the entry */
    static AddressBlock parse(String entry) {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash);
        byte[] address = IpLiteral.parse(addressText)
                .orElseThrow(() -> new IllegalArgumentException("'" + addressText + "' is not an IP address"))
                .getAddress();
        int bits = address.length * 8;
        if (slash < 0) {
            return new AddressBlock(address, bits);
        }
        String prefixText = entry.substring(slash + 1);
        if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
            throw new IllegalArgumentException("'/" + prefixText + "' is not a prefix length of an IPv"
                    + (address.length == 4 ? "4 address (0-32)" : "6 address (0-128)"));
        }
        int prefixLength = Integer.parseInt(prefixText);
        byte[] network = masked(address, prefixLength);
        // Bits past the prefix are most likely a typo in the address or the length: refuse rather than guess
        if (!Arrays.equals(network, address)) {
            throw new IllegalArgumentException("the address has bits set past its /" + prefixLength
                    + " prefix (did you mean " + IpLiteral.byAddress(network).getHostAddress() + "/" + prefixLength + "?)");
        }
        return new AddressBlock(network, prefixLength);
    }

    /** Never across families: an IPv4 block holds no IPv6 address (IPv4-mapped ones are parsed as IPv4). */
    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.length && Arrays.equals(masked(candidate, prefixLength), network);
    }

    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] result = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bitsInByte = Math.max(0, Math.min(8, prefixLength - i * 8));
            result[i] = (byte) (address[i] & (0xff00 >> bitsInByte));
        }
        return result;
    }

    @Override
    public String toString() {
        return text;
    }
}
