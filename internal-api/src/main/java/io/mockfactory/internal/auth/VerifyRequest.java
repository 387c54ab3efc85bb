package io.mockfactory.internal.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record VerifyRequest(@Nullable String key) {
    @Override
    public String toString() {
        return "VerifyRequest[…]";
    }
}
