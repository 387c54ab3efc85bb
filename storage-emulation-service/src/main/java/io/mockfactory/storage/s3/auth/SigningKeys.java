package io.mockfactory.storage.s3.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/**
 * SigV4 signing keys by access key and scope (date, region, service), as the SDKs keep them: a key is four HMACs to
 * derive and serves every request of its scope's day. Keyed by the access key id, never by the secret; the secret's
 * hash code is kept beside the key so a changed secret (which MockFactory never does to a live key) is re-derived.
 */
final class SigningKeys {
    private record Derived(int secretHash, byte[] key) {
    }

    private static final Cache<String, Derived> KEYS = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    private SigningKeys() {
    }

    /** The key's bytes are shared: callers only read them (HMAC keys). */
    static byte[] of(String accessKeyId, String secret, String date, String region, String service) {
        String scope = accessKeyId + "/" + date + "/" + region + "/" + service;
        Derived cached = KEYS.getIfPresent(scope);
        if (cached != null && cached.secretHash() == secret.hashCode()) {
            return cached.key();
        }
        byte[] key = SigV4.signingKey(secret, date, region, service);
        KEYS.put(scope, new Derived(secret.hashCode(), key));
        return key;
    }
}
