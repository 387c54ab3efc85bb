package io.mockfactory.gateway.security;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whom {@code X-Forwarded-For} is believed from, and how far. */
class TrustedProxiesTest {
    /** nginx in a compose network, plus the gateway host's own loopbacks */
    private final TrustedProxies proxies = TrustedProxies.of("172.18.0.0/16, 127.0.0.1, ::1, fd00:abcd::/32");

    @Test
    void shouldIgnoreTheHeaderFromAPeerThatIsNoTrustedProxy() {
        assertEquals("203.0.113.9", client("203.0.113.9", "198.51.100.1"));
        assertEquals("203.0.113.9", client("203.0.113.9", "172.18.0.5"));
        assertEquals("2001:db8:0:0:0:0:0:9", client("2001:db8::9", "198.51.100.1"));
    }

    @Test
    void shouldTrustNobodyByDefault() {
        TrustedProxies none = TrustedProxies.of("");
        assertFalse(none.isTrusted(ip("127.0.0.1")));
        assertEquals(ip("127.0.0.1"), none.clientOf(ip("127.0.0.1"), List.of("198.51.100.1")));
        assertEquals(ip("127.0.0.1"), new TrustedProxies(null).clientOf(ip("127.0.0.1"), List.of("198.51.100.1")));
    }

    @Test
    void shouldTakeTheRightmostEntryThatIsNoTrustedProxy() {
        // what the client wrote itself (left of the address nginx saw) is never believed
        assertEquals("198.51.100.1", client("172.18.0.5", "6.6.6.6, 198.51.100.1"));
        assertEquals("198.51.100.1", client("172.18.0.5", "198.51.100.1"));
    }

    @Test
    void shouldWalkPastAChainOfTrustedProxies() {
        assertEquals("198.51.100.1", client("172.18.0.5", "6.6.6.6, 198.51.100.1, 127.0.0.1, 172.18.0.9"));
        assertEquals("2001:db8:0:0:0:0:0:1", client("::1", "2001:db8::1, fd00:abcd::7, ::1"));
    }

    @Test
    void shouldTakeTheLeftmostWhenEveryEntryIsATrustedProxy() {
        assertEquals("172.18.0.7", client("172.18.0.5", "172.18.0.7, 127.0.0.1"));
    }

    @Test
    void shouldReadSeveralHeadersAsOneList() {
        assertEquals("198.51.100.1", proxies.clientOf(ip("172.18.0.5"),
                List.of("6.6.6.6", "198.51.100.1", "172.18.0.9")).getHostAddress());
    }

    @Test
    void shouldMatchIpv4AndIpv6Blocks() {
        assertTrue(proxies.isTrusted(ip("172.18.0.0")));
        assertTrue(proxies.isTrusted(ip("172.18.255.255")));
        assertFalse(proxies.isTrusted(ip("172.19.0.1")));
        assertFalse(proxies.isTrusted(ip("172.17.255.255")));
        assertTrue(proxies.isTrusted(ip("fd00:abcd:ffff::1")));
        assertFalse(proxies.isTrusted(ip("fd00:abce::1")));
        assertFalse(proxies.isTrusted(ip("::2")));
        TrustedProxies odd = TrustedProxies.of("10.0.0.0/9, 2001:db8::/33, 0.0.0.0/32");
        assertTrue(odd.isTrusted(ip("10.127.255.255")));
        assertFalse(odd.isTrusted(ip("10.128.0.0")));
        assertTrue(odd.isTrusted(ip("2001:db8:7fff::1")));
        assertFalse(odd.isTrusted(ip("2001:db8:8000::1")));
    }

    @Test
    void shouldNeverMatchAcrossFamiliesExceptIpv4MappedAddresses() {
        TrustedProxies everyV4 = TrustedProxies.of("0.0.0.0/0");
        assertTrue(everyV4.isTrusted(ip("203.0.113.9")));
        assertFalse(everyV4.isTrusted(ip("2001:db8::1")));
        assertTrue(everyV4.isTrusted(ip("::ffff:203.0.113.9")));
        assertFalse(TrustedProxies.of("::/0").isTrusted(ip("203.0.113.9")));
        assertEquals("198.51.100.1", client("172.18.0.5", "::ffff:198.51.100.1"));
    }

    @Test
    void shouldStopAtAnEntryThatIsNoAddressAndKeepTheLastGoodOne() {
        // a garbage entry right of the client: the proxy that sent it is all that is known
        assertEquals("172.18.0.9", client("172.18.0.5", "198.51.100.1, unknown, 172.18.0.9"));
        assertEquals("172.18.0.5", client("172.18.0.5", "198.51.100.1, localhost"));
        for (String garbage : List.of("_hidden", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4:8080",
                "[2001:db8::1]", "2001:db8::1%eth0", "fe80::zz", "12345", "example.com", "1.2.3.4 5.6.7.8",
                "\u0661.2.3.4")) {
            assertEquals("172.18.0.5", client("172.18.0.5", garbage), garbage);
        }
        // garbage left of the client does not matter: the walk ends at the client first
        assertEquals("198.51.100.1", client("172.18.0.5", "not-an-ip, 198.51.100.1"));
    }

    @Test
    void shouldUseThePeerWhenTheHeaderIsEmptyOrAbsent() {
        assertEquals("172.18.0.5", proxies.clientOf(ip("172.18.0.5"), List.of()).getHostAddress());
        assertEquals("172.18.0.5", client("172.18.0.5", ""));
        assertEquals("172.18.0.5", client("172.18.0.5", " , ,"));
        assertEquals("198.51.100.1", client("172.18.0.5", "198.51.100.1, ,"));
    }

    @Test
    void shouldAcceptListsWithBlanksAndSeveralValues() {
        TrustedProxies fromList = new TrustedProxies(List.of("10.0.0.1, ", "", "10.0.0.2"));
        assertTrue(fromList.isTrusted(ip("10.0.0.1")));
        assertTrue(fromList.isTrusted(ip("10.0.0.2")));
        assertFalse(fromList.isTrusted(ip("10.0.0.3")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8",
            "10.0.0.0/ 8", "10.0.0.1/8", "fd00::1/8", "10.0.0", "*", "10.0.0.0-10.0.0.9", "localhost"})
    void shouldRefuseAConfigurationEntryThatIsNoAddressOrBlockAndNameIt(String entry) {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> TrustedProxies.of("127.0.0.1, " + entry));
        assertTrue(refused.getMessage().contains("'" + entry + "'"), refused.getMessage());
        assertTrue(refused.getMessage().contains(TrustedProxies.PROPERTY), refused.getMessage());
    }

    @Test
    void shouldSayWhichBlockWasMeantWhenHostBitsAreSet() {
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> TrustedProxies.of("172.18.0.1/16"));
        assertTrue(refused.getMessage().contains("172.18.0.0/16"), refused.getMessage());
    }

    private String client(String peer, String forwardedFor) {
        return proxies.clientOf(ip(peer), Arrays.asList(forwardedFor)).getHostAddress();
    }

    static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow(() -> new AssertionError("not a literal: " + literal));
    }
}
