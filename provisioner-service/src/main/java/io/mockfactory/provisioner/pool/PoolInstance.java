package io.mockfactory.provisioner.pool;

/**
 * A warm server: started empty from its type's template, on the port it keeps for life, under a password of its own.
 *
 * @param status {@code warming} while it starts (committed first, so a crash leaves a row saying what to clean up),
 *               then {@code ready}
 */
public record PoolInstance(String id, String service, String version, String status, int port, byte[] secret, Long pid) {
    public static final String WARMING = "warming";
    public static final String READY = "ready";

    /** What the pool's password is bound to in the vault: no environment's row can decrypt it as its own. */
    public String secretBinding() {
        return binding(id, service);
    }

    public static String binding(String id, String service) {
        return id + "/" + service;
    }
}
