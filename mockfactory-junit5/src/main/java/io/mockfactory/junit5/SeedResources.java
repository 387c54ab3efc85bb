package io.mockfactory.junit5;

import io.mockfactory.client.environment.EnvironmentSpec;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link MockFactoryEnvironment#seeds()}: each {@code type=resource} read from the test's class path into the request. */
final class SeedResources {
    private SeedResources() {
    }

    static void addTo(EnvironmentSpec request, MockFactoryEnvironment spec, ClassLoader loader) {
        Set<String> types = Arrays.stream(spec.services()).map(notation -> notation.split(":", 2)[0].strip())
                .collect(Collectors.toSet());
        for (String seed : spec.seeds()) {
            int equals = seed.indexOf('=');
            if (equals <= 0 || equals == seed.length() - 1) {
                throw new ExtensionConfigurationException("@MockFactoryEnvironment seeds take \"type=classpath/resource\","
                        + " not \"" + seed + "\"");
            }
            String type = seed.substring(0, equals).strip();
            String resource = seed.substring(equals + 1).strip();
            if (!types.contains(type)) {
                throw new ExtensionConfigurationException("@MockFactoryEnvironment seeds " + type + ", which its services do not name");
            }
            try {
                request.seedText(type, read(loader, resource));
            } catch (IllegalArgumentException wrongType) {
                throw new ExtensionConfigurationException("@MockFactoryEnvironment seeds: " + wrongType.getMessage());
            }
        }
    }

    private static String read(ClassLoader loader, String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new ExtensionConfigurationException("@MockFactoryEnvironment seed " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("@MockFactoryEnvironment seed " + resource + " cannot be read", e);
        }
    }
}
