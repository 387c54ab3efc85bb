package io.mockfactory.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.mockfactory.kit.db.Transactions;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ES256 keys that sign access tokens. The newest unretired key signs; a key retired by {@link #rotate()} stays in
 * the JWKS, and keeps verifying, until every token it signed has expired. In a deployment the key is a mounted file;
 * locally one is generated on first start and kept in this service's schema.
 */
@Singleton
public class SigningKeys {
    private final Transactions transactions;
    private final TokenSettings settings;
    private volatile List<StoredKey> keys = List.of();

    private record StoredKey(ECKey key, Instant retiredAt) {
    }

    public SigningKeys(Transactions transactions, TokenSettings settings) {
        this.transactions = transactions;
        this.settings = settings;
    }

    @PostConstruct
    void load() throws Exception {
        Path file = Path.of(settings.getSigningKeyFile());
        if (Files.isRegularFile(file)) {
            JWK parsed = JWK.parseFromPEMEncodedObjects(Files.readString(file, StandardCharsets.UTF_8));
            ECKey key = new ECKey.Builder(parsed.toECKey()).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint().build();
            keys = List.of(new StoredKey(key, null));
            return;
        }
        transactions.inTransaction(connection -> {
            lockKeys(connection);
            if (readKeys(connection).stream().noneMatch(stored -> stored.retiredAt() == null)) {
                insert(connection, generate());
            }
            return null;
        });
        reload();
    }

    /** The key new tokens are signed with. */
    public ECKey active() {
        return keys.stream().filter(stored -> stored.retiredAt() == null).map(StoredKey::key).findFirst()
                .orElseThrow(() -> new IllegalStateException("no active signing key"));
    }

    /** Public keys of every key whose tokens may still be valid. */
    public JWKSet publicKeys() {
        Instant oldestUseful = Instant.now().minus(settings.getAccessTokenTtl());
        return new JWKSet(keys.stream()
                .filter(stored -> stored.retiredAt() == null || stored.retiredAt().isAfter(oldestUseful))
                .map(stored -> (JWK) stored.key().toPublicJWK()).toList());
    }

    /** Adds a new signing key and retires the current one (which keeps verifying until its tokens expire). */
    public ECKey rotate() throws Exception {
        ECKey next = generate();
        transactions.inTransaction(connection -> {
            lockKeys(connection);
            try (PreparedStatement retire = connection.prepareStatement(
                    "UPDATE signing_keys SET retired_at = now() WHERE retired_at IS NULL")) {
                retire.executeUpdate();
            }
            insert(connection, next);
            return null;
        });
        reload();
        return next;
    }

    /** Picks up keys another instance generated or rotated. */
    public Optional<ECKey> find(String kid) throws Exception {
        Optional<ECKey> known = lookup(kid);
        if (known.isPresent()) {
            return known;
        }
        reload();
        return lookup(kid);
    }

    private Optional<ECKey> lookup(String kid) {
        return keys.stream().map(StoredKey::key).filter(key -> key.getKeyID().equals(kid)).findFirst();
    }

    private void reload() throws Exception {
        if (Files.isRegularFile(Path.of(settings.getSigningKeyFile()))) {
            return;
        }
        keys = transactions.inTransaction(SigningKeys::readKeys);
    }

    private static ECKey generate() throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
    }

    private static void lockKeys(Connection connection) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('signing_keys'))")) {
            lock.execute();
        }
    }

    private static void insert(Connection connection, ECKey key) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO signing_keys (kid, private_key) VALUES (?, ?)")) {
            insert.setString(1, key.getKeyID());
            insert.setBytes(2, key.toJSONString().getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    private static List<StoredKey> readKeys(Connection connection) throws Exception {
        List<StoredKey> stored = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT private_key, retired_at FROM signing_keys ORDER BY created_at DESC, kid");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Timestamp retired = rs.getTimestamp(2);
                stored.add(new StoredKey(ECKey.parse(new String(rs.getBytes(1), StandardCharsets.UTF_8)),
                        retired == null ? null : retired.toInstant()));
            }
        }
        return stored;
    }
}
