package io.mockfactory.gateway.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.mockfactory.gateway.security.TrustedProxiesTest.ip;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The setting as Micronaut hands it over, from the environment variable the README names and from YAML-style lists.
 * (Only the environment is started: the whole gateway context needs PostgreSQL and Kafka.)
 */
class TrustedProxiesSettingTest {
    @Test
    void shouldReadTheEnvironmentVariableAsACommaSeparatedList() {
        TrustedProxies proxies = fromContext(PropertySource.of("env",
                Map.of("MOCKFACTORY_GATEWAY_TRUSTED_PROXIES", "172.18.0.0/16, ::1"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE));
        assertTrue(proxies.isTrusted(ip("172.18.3.4")));
        assertTrue(proxies.isTrusted(ip("::1")));
        assertFalse(proxies.isTrusted(ip("10.0.0.1")));
    }

    @Test
    void shouldReadAList() {
        TrustedProxies proxies = fromContext(PropertySource.of("yaml",
                Map.of(TrustedProxies.PROPERTY, List.of("10.0.0.0/8", "fd00::/8"))));
        assertTrue(proxies.isTrusted(ip("10.1.2.3")));
        assertTrue(proxies.isTrusted(ip("fd12::1")));
    }

    @Test
    void shouldTrustNobodyWhenUnset() {
        assertFalse(fromContext(PropertySource.of("none", Map.of())).isTrusted(ip("127.0.0.1")));
    }

    private static TrustedProxies fromContext(PropertySource source) {
        try (ApplicationContext context = ApplicationContext.builder().propertySources(source).build()) {
            Environment environment = context.getEnvironment().start();
            return new TrustedProxies(environment.getProperty(TrustedProxies.PROPERTY, Argument.listOf(String.class))
                    .orElse(null));
        }
    }
}
