package io.mockfactory.storage.control;

import io.mockfactory.kit.secret.CredentialVault;
import io.mockfactory.storage.s3.auth.AccessKeyDirectory;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key pairs in AWS's shapes (20-character ids starting AKIA, 40-character secrets), and the data plane's lookup of
 * them. Lookups are cached briefly so a busy client does not cost a query and a decryption per request; a stop or
 * destroy handled here evicts at once, other instances see it within the cache's lifetime.
 */
@Singleton
public class AccessKeys implements AccessKeyDirectory {
    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final long CACHE_MILLIS = 2000;

    private final SecureRandom random = new SecureRandom();
    private final DataSource dataSource;
    private final S3Services services;
    private final CredentialVault vault;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<AccessKey> key, long until) {
    }

    public AccessKeys(DataSource dataSource, S3Services services, CredentialVault vault) {
        this.dataSource = dataSource;
        this.services = services;
        this.vault = vault;
    }

    public String newAccessKeyId() {
        return "AKIA" + randomString(ID_ALPHABET, 16);
    }

    public String newSecret() {
        return randomString(SECRET_ALPHABET, 40);
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        long now = System.currentTimeMillis();
        Cached cached = cache.get(accessKeyId);
        if (cached != null && cached.until() > now) {
            return cached.key();
        }
        Optional<AccessKey> key = load(accessKeyId);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(accessKeyId, new Cached(key, now + CACHE_MILLIS));
        return key;
    }

    public void evict(String accessKeyId) {
        cache.remove(accessKeyId);
    }

    private Optional<AccessKey> load(String accessKeyId) {
        try (Connection connection = dataSource.getConnection()) {
            return services.byAccessKey(connection, accessKeyId)
                    .filter(record -> !S3ServiceRecord.DESTROYED.equals(record.status()))
                    .map(record -> new AccessKey(record.accessKeyId(),
                            vault.decrypt(record.secret(), S3ServiceRecord.binding(record.environmentId())),
                            record.environmentId(), record.region(), S3ServiceRecord.RUNNING.equals(record.status())));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot look up access keys: " + e.getMessage(), e);
        }
    }

    private String randomString(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
