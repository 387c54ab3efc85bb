package io.mockfactory.gateway.environment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into arguments the way redis-cli does (its {@code sdssplitargs}), so a seed can be written as
 * {@code "SET greeting \"hello world\""}: words are separated by white space; double quotes allow the escapes
 * {@code \n \r \t \b \a \" \\} and {@code \xHH}; single quotes take everything literally except {@code \'}. A closing
 * quote must be followed by white space or the end.
 */
final class RedisCommandLine {
    private RedisCommandLine() {
    }

    /** @return the arguments, or null when a quote is unbalanced */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char c = line.charAt(i);
                if (quote == 0) {
                    if (Character.isWhitespace(c)) {
                        break;
                    }
                    if (c == '"' || c == '\'') {
                        quote = c;
                    } else {
                        word.append(c);
                    }
                    i++;
                } else if (c == quote) {
                    if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                        return null;
                    }
                    quote = 0;
                    i++;
                    break;
                } else if (c == '\\' && i + 1 < n) {
                    i = escape(line, i, quote, word);
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                return null;
            }
            words.add(word.toString());
        }
    }

    /** Appends the escape at {@code i} (a backslash) inside {@code quote}. @return the index after it */
    private static int escape(String line, int i, char quote, StringBuilder word) {
        char next = line.charAt(i + 1);
        if (quote == '\'') {
            word.append(next == '\'' ? "'" : "\\" + next);
            return i + 2;
        }
        if (next == 'x' && i + 3 < line.length() && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
            word.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
            return i + 4;
        }
        word.append(switch (next) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> (char) 7;
            default -> next;
        });
        return i + 2;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
