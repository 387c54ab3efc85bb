package io.mockfactory.storage.s3.post;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ; name=value} parameters of a Content-Type or Content-Disposition header: tokens or quoted strings
 * (backslash escapes), and RFC 5987's {@code name*=UTF-8''percent-encoded}, which wins over the plain form. Names
 * are case-insensitive (returned lower-case); the first occurrence of a name is kept.
 */
final class HeaderParameters {
    private HeaderParameters() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> extended = new LinkedHashMap<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && (text.charAt(i) == ';' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < length && text.charAt(i) != '=' && text.charAt(i) != ';') {
                i++;
            }
            String name = text.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= length || text.charAt(i) != '=') {
                continue;
            }
            i++;
            while (i < length && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < length && text.charAt(i) == '"') {
                for (i++; i < length && text.charAt(i) != '"'; i++) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < length) {
                        c = text.charAt(++i);
                    }
                    value.append(c);
                }
                i++;
            } else {
                while (i < length && text.charAt(i) != ';') {
                    value.append(text.charAt(i++));
                }
            }
            if (name.isEmpty()) {
                continue;
            }
            if (name.endsWith("*")) {
                String decoded = extendedValue(value.toString().strip());
                if (decoded != null) {
                    extended.putIfAbsent(name.substring(0, name.length() - 1), decoded);
                }
            } else {
                plain.putIfAbsent(name, value.toString().strip());
            }
        }
        plain.putAll(extended);
        return plain;
    }

    /** {@code charset'language'percent-encoded}; only UTF-8 (and its ASCII subset) is understood. */
    private static String extendedValue(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        String charset = value.substring(0, first).toLowerCase(Locale.ROOT);
        if (!charset.equals("utf-8") && !charset.equals("us-ascii")) {
            return null;
        }
        try {
            return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
