package io.mockfactory.auth.account;

import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** At least 12 characters, not one of the most common passwords, not the email address. */
@Singleton
public class PasswordPolicy {
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    public PasswordPolicy() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the classpath");
            }
            common = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return why the password is refused, or empty if it is acceptable */
    public Optional<String> problemWith(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.replaceAll("[0-9!.?]+$", ""))) {
            return Optional.of("is one of the most commonly used passwords");
        }
        if (lower.chars().distinct().count() < 4) {
            return Optional.of("needs more than three different characters");
        }
        if (email != null && lower.contains(email.toLowerCase(Locale.ROOT).split("@")[0]) && email.indexOf('@') >= 4) {
            return Optional.of("must not contain the email address");
        }
        return Optional.empty();
    }
}
