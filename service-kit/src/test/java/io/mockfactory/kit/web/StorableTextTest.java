package io.mockfactory.kit.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorableTextTest {
    @Test
    void shouldAcceptAnyTextPostgresCanStore() {
        for (String text : new String[]{"", "plain", "tab\tnew\nline", "😀 emoji (a surrogate pair)", "\u0001", "\uFFFF", "ünïcödé"}) {
            assertTrue(StorableText.defect(text).isEmpty(), text);
        }
        assertTrue(StorableText.defect(null).isEmpty());
    }

    @Test
    void shouldRefuseNulAndUnpairedSurrogates() {
        for (String text : new String[]{"\u0000", "a\u0000", "\ud800", "a\udc00b", "\ud83d", "\ude00\ud83d"}) {
            assertTrue(StorableText.defect(text).isPresent(), text);
        }
    }

    @Test
    void shouldNameTheFieldInTheRefusal() {
        ProblemException refused = assertThrows(ProblemException.class, () -> StorableText.require("email", "a\u0000"));
        assertEquals(ProblemType.MALFORMED_REQUEST, refused.type());
        assertEquals("email", refused.errors().get(0).field());
    }
}
