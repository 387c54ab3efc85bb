package io.mockfactory.events;

import java.security.SecureRandom;
import java.util.Base64;

/** Opaque, URL-safe, unguessable ids with a type prefix, as the public contract requires for every id. */
public final class EventIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private EventIds() {
    }

    public static String newEventId() {
        return newId("evt");
    }

    /** {@code prefix_} followed by 128 random bits, base64url. */
    public static String newId(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + ENCODER.encodeToString(bytes);
    }
}
