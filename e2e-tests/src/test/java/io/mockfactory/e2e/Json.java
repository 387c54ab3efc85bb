package io.mockfactory.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one field out of a JSON response, as a client checking a contract would. */
final class Json {
    private Json() {
    }

    static String field(String json, String name) {
        return match(json, "\"" + Pattern.quote(name) + "\":\"([^\"]*)\"", name);
    }

    static String number(String json, String name) {
        return match(json, "\"" + Pattern.quote(name) + "\":(\\d+)", name);
    }

    /** The flat object {@code "name":{…}} (e.g. one service's credentials), to read its fields. */
    static String object(String json, String name) {
        return match(json, "\"" + Pattern.quote(name) + "\":(\\{[^{}]*\\})", name);
    }

    private static String match(String json, String regex, String name) {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
