package io.mockfactory.events;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Opaque, URL-safe, unguessable ids with a type prefix, as the public contract requires for every id. */
public final class EventIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** 16 bytes in unpadded base64url are always 22 characters of this alphabet. */
    private static final Pattern RANDOM_PART = Pattern.compile("[A-Za-z0-9_-]{22}");

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

    /**
     * Whether {@code id} has the shape {@link #newId} gives ids of this prefix: services check it before any query, so
     * a value that cannot be an id never reaches a database.
     */
    public static boolean isWellFormed(String prefix, String id) {
        return id != null && id.length() == prefix.length() + 23 && id.startsWith(prefix) && id.charAt(prefix.length()) == '_'
                && RANDOM_PART.matcher(id).region(prefix.length() + 1, id.length()).matches();
    }
}
