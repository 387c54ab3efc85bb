package io.mockfactory.storage.s3.access;

import java.util.Arrays;

/**
 * A policy wildcard pattern: {@code *} any run of characters, {@code ?} exactly one (a code point, not a UTF-16 unit).
 * IAM's escapes {@code ${*}}, {@code ${?}}, {@code ${$}} stand for the literal characters. Matching backtracks only to
 * the last star, so a pattern of many stars costs O(pattern × text), never exponential time.
 */
final class Glob {
    private final int[] chars;
    private final boolean[] wild;

    private Glob(int[] chars, boolean[] wild) {
        this.chars = chars;
        this.wild = wild;
    }

    static Glob compile(String pattern) {
        int[] source = pattern.codePoints().toArray();
        int[] chars = new int[source.length];
        boolean[] wild = new boolean[source.length];
        int length = 0;
        for (int i = 0; i < source.length; i++) {
            int c = source[i];
            if (c == '$' && i + 3 < source.length && source[i + 1] == '{' && source[i + 3] == '}'
                    && (source[i + 2] == '*' || source[i + 2] == '?' || source[i + 2] == '$')) {
                chars[length++] = source[i + 2];
                i += 3;
            } else {
                wild[length] = c == '*' || c == '?';
                chars[length++] = c;
            }
        }
        return new Glob(Arrays.copyOf(chars, length), Arrays.copyOf(wild, length));
    }

    /** The pattern's text with its escapes resolved and no wildcards: what StringEquals compares with. */
    static String literal(String pattern) {
        Glob glob = compile(pattern);
        return new String(glob.chars, 0, glob.chars.length);
    }

    /** Whether the pattern has a wildcard (an escaped one is not). */
    boolean hasWildcard() {
        for (boolean w : wild) {
            if (w) {
                return true;
            }
        }
        return false;
    }

    boolean matches(String text) {
        return matches(text, false);
    }

    boolean matches(String text, boolean ignoreCase) {
        int[] input = text.codePoints().toArray();
        int p = 0;
        int s = 0;
        int star = -1;
        int resume = 0;
        while (s < input.length) {
            if (p < chars.length && wild[p] && chars[p] == '*') {
                star = p++;
                resume = s;
            } else if (p < chars.length && ((wild[p] && chars[p] == '?') || same(chars[p], input[s], ignoreCase))) {
                p++;
                s++;
            } else if (star >= 0) {
                p = star + 1;
                s = ++resume;
            } else {
                return false;
            }
        }
        while (p < chars.length && wild[p] && chars[p] == '*') {
            p++;
        }
        return p == chars.length;
    }

    private static boolean same(int a, int b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }
}
