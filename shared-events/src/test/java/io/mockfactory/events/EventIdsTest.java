package io.mockfactory.events;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIdsTest {
    @Test
    void shouldRecogniseTheShapeOfTheIdsItMakes() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(EventIds.isWellFormed("env", EventIds.newId("env")));
        }
    }

    @Test
    void shouldRefuseAnythingElse() {
        String id = EventIds.newId("env");
        assertFalse(EventIds.isWellFormed("key", id), "another prefix");
        assertFalse(EventIds.isWellFormed("env", id + "A"), "too long");
        assertFalse(EventIds.isWellFormed("env", id.substring(0, id.length() - 1)), "too short");
        assertFalse(EventIds.isWellFormed("env", id.substring(0, 10) + "\u0000" + id.substring(11)), "NUL");
        assertFalse(EventIds.isWellFormed("env", id.substring(0, 10) + "%" + id.substring(11)), "outside base64url");
        assertFalse(EventIds.isWellFormed("env", "env-" + id.substring(4)), "no underscore");
        assertFalse(EventIds.isWellFormed("env", null));
    }
}
