package io.mockfactory.storage.s3.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "203.0.113.7", "203.0.113.0/24", "255.255.255.255/32", "::", "::/0", "::1", "2001:db8::/32",
            "2001:DB8:0:0:0:0:0:1", "1:2:3:4:5:6:7:8/128", "1::8", "1:2:3:4:5:6:7::", "::ffff:203.0.113.7", "64:ff9b::203.0.113.0/120"})
    void shouldReadBlocks(String block) {
        assertNotNull(IpRange.parse(block), block);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "203.0.113.0/33", "203.0.113.0/-1", "203.0.113.0/", "203.0.113.0/24/24", "203.0.113.0/2 4", "203.0.113/24",
            "203.0.113.256/24", "203.0.113.0.0/24", "203.0.113.00/24", "0313.0.113.1", "2001:db8::/129", "2001:db8:::/32",
            "2001:db8::g/32", "2001::db8::/32", "1:2:3:4:5:6:7/32", "1:2:3:4:5:6:7:8:9/32", "1:2:3:4:5:6:7::8/32", "12345::/16",
            "example.com", "localhost", "fe80::1%eth0", "::ffff:1.2.3", "1.2.3.4::", "203.0.113.0/٣", "٢.0.0.0"})
    void shouldRefuseWhatIsNotABlock(String block) {
        assertNull(IpRange.parse(block), block);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fe80::1%eth0", "fe80::1%1"})
    void shouldAcceptAZoneOnlyInARequestAddress(String address) {
        assertTrue(IpRange.parse("fe80::/10").contains(address));
        assertFalse(IpRange.parse("fe80::/10").contains("fe80::1%"));
    }
}
