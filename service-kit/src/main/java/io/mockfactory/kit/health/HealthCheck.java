package io.mockfactory.kit.health;

/** Something this service needs in order to do its job; {@code GET /health} is healthy only if all of them are up. */
public interface HealthCheck {
    String name();

    /** @throws Exception with a short reason when down; must return within a few seconds */
    void check() throws Exception;
}
