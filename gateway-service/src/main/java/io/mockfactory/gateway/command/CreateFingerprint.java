package io.mockfactory.gateway.command;

import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.command.CreateEnvironment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a create asked for, as a digest that two requests share exactly when they ask for the same environment: the
 * validated command (seeds included) in a canonical order, so spacing and key order in the JSON do not matter. The tier is left out:
 * it is the caller's, not the request's, and may change between a request and its retry.
 */
final class CreateFingerprint {
    private CreateFingerprint() {
    }

    static String of(CreateEnvironment command) {
        StringBuilder canonical = new StringBuilder().append("name=").append(command.name())
                .append("\nttl=").append(command.ttlMinutes());
        new TreeMap<>(command.services()).forEach((type, spec) -> appendService(canonical, type, spec));
        // Only when present, so the fingerprints of creates without seeds stay what they were
        new TreeMap<>(command.seeds()).forEach((type, seed) -> {
            String text = seed.toString();
            canonical.append("\nseed=").append(type).append(':').append(text.length()).append(':').append(text);
        });
        if (command.fromSnapshot() != null) {
            canonical.append("\nfrom_snapshot=").append(command.fromSnapshot());
        }
        return digest(canonical);
    }

    /** A clone asks for a copy of one environment under a name; its snapshot's id is new on every request. */
    static String ofClone(String sourceId, CreateEnvironment create) {
        return digest(new StringBuilder("clone=").append(sourceId).append("\nname=").append(create.name())
                .append("\nttl=").append(create.ttlMinutes()));
    }

    static String ofSnapshot(String environmentId, String name) {
        return digest(new StringBuilder("snapshot=").append(environmentId).append("\nname=").append(name));
    }

    private static String digest(CharSequence canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void appendService(StringBuilder canonical, String type, ServiceSpec spec) {
        canonical.append("\nservice=").append(type).append(':').append(spec.version());
        for (Map.Entry<String, String> option : new TreeMap<>(spec.options()).entrySet()) {
            canonical.append('\n').append(type).append('.').append(option.getKey()).append('=').append(option.getValue());
        }
    }
}
