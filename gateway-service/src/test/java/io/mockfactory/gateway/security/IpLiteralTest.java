package io.mockfactory.gateway.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet4Address;
import java.net.Inet6Address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Address literals, and nothing that would need a lookup. */
class IpLiteralTest {
    @Test
    void shouldReadDottedQuadsAndIpv6() {
        assertEquals("203.0.113.9", IpLiteral.parse("203.0.113.9").orElseThrow().getHostAddress());
        assertEquals("0.0.0.0", IpLiteral.parse("0.0.0.0").orElseThrow().getHostAddress());
        assertEquals("255.255.255.255", IpLiteral.parse("255.255.255.255").orElseThrow().getHostAddress());
        assertInstanceOf(Inet6Address.class, IpLiteral.parse("2001:DB8::1").orElseThrow());
        assertEquals("2001:db8:0:0:0:0:0:1", IpLiteral.parse("2001:DB8::1").orElseThrow().getHostAddress());
        assertEquals("0:0:0:0:0:0:0:0", IpLiteral.parse("::").orElseThrow().getHostAddress());
        assertInstanceOf(Inet4Address.class, IpLiteral.parse("::ffff:10.1.2.3").orElseThrow());
        assertTrue(IpLiteral.parse("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255").isPresent());
    }

    /** Each of these is something {@code InetAddress.getByName} would resolve, or read in a surprising way. */
    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "a", "abc", "1.2.3", "1.2", "16909060", "0x7f.0.0.1",
            "010.0.0.1", "1.2.3.4.", ".1.2.3", "1..2.3", "+1.2.3.4", "1.2.3.256", " 1.2.3.4", "1.2.3.4/32",
            "1.2.3.4:80", "[::1]", "::1%1", "fe80::1%lo", ":", ":::", "1:2:3:4:5:6:7:8:9", "12345::", "g::1",
            ".::1", "::1.2.3", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555", "\u0661.2.3.4"})
    void shouldRefuseAnythingElse(String text) {
        assertTrue(IpLiteral.parse(text).isEmpty(), text);
    }
}
