package io.mockfactory.auth.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** One spelling per mailbox: trimmed, NFC, lower-cased; then a deliberately plain shape check. */
public final class EmailAddresses {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s\\p{Cntrl}\"(),:;<>\\[\\]\\\\]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");

    private EmailAddresses() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return email.length() <= 254 && SHAPE.matcher(email).matches() ? Optional.of(email) : Optional.empty();
    }
}
