package io.mockfactory.auth.account;

import java.time.Instant;

public record UserAccount(String id, String email, String fullName, String passwordHash, String tier, Instant createdAt) {
}
