package io.mockfactory.storage.s3.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {
    @Test
    void shouldMatchStarsAndQuestionMarks() {
        assertTrue(Glob.compile("s3:G*t*O*t").matches("s3:GetObject"));
        assertFalse(Glob.compile("s3:G*t*O*x").matches("s3:GetObject"));
        assertTrue(Glob.compile("s3:*?").matches("s3:GetObject"));
        assertTrue(Glob.compile("s3:GetObject???").matches("s3:GetObjectAcl"));
        assertFalse(Glob.compile("s3:???Object").matches("s3:DeleteObject"));
        assertTrue(Glob.compile("a*b*c").matches("abcbc"));
        assertFalse(Glob.compile("a*b*c").matches("acb"));
        assertTrue(Glob.compile("**").matches(""));
        assertFalse(Glob.compile("?*").matches(""));
        assertTrue(Glob.compile("(a|b)+[c]").matches("(a|b)+[c]"), "no regular expression syntax");
        assertTrue(Glob.compile("*").matches("a\nb"));
    }

    @Test
    void shouldCompareCaseOnlyWhenAsked() {
        assertFalse(Glob.compile("s3:get*").matches("s3:GetObject"));
        assertTrue(Glob.compile("s3:get*").matches("s3:GetObject", true));
    }

    @Test
    void shouldReadIamsEscapesAsLiterals() {
        assertTrue(Glob.compile("${*}").matches("*"));
        assertFalse(Glob.compile("${*}").matches("a"));
        assertTrue(Glob.compile("${?}").matches("?"));
        assertTrue(Glob.compile("${$}").matches("$"));
        assertTrue(Glob.compile("${$}{*}").matches("${abc}"));
        assertTrue(Glob.compile("${*").matches("${abc"), "an unfinished escape is text and a star");
        assertTrue(Glob.compile("${aws:username}/*").matches("${aws:username}/a"), "policy variables stay literal");
        assertEquals("a*?$", Glob.literal("a${*}${?}${$}"));
        assertFalse(Glob.compile("a${*}").hasWildcard());
        assertTrue(Glob.compile("a?").hasWildcard());
    }
}
