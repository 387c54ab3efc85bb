package io.mockfactory.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names PromQL expressions query, and the expressions of the deployment's alert rules and dashboard. A
 * small reader rather than a PromQL parser: strings, label matchers, ranges and grouping lists are removed, and what
 * remains that is neither a function, a keyword nor a number is a metric name.
 */
final class PromQlNames {
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern DASHBOARD_EXPR = Pattern.compile("\\\"expr\\\"\\s*:\\s*\\\"((?:[^\\\"\\\\]|\\\\.)*)\\\"");

    private PromQlNames() {
    }

    static Set<String> of(String expression) {
        String rest = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = rest.substring(identifier.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every {@code expr:} of a rules file, multi-line ({@code |}) ones joined. */
    static List<String> ruleExpressions(Path rules) throws IOException {
        List<String> expressions = new ArrayList<>();
        List<String> lines = Files.readAllLines(rules);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("expr:");
            if (at < 0 || line.stripLeading().startsWith("#")) {
                continue;
            }
            String value = line.substring(at + 5).trim();
            if (value.equals("|")) {
                StringBuilder block = new StringBuilder();
                while (i + 1 < lines.size() && indent(lines.get(i + 1)) > at) {
                    block.append(lines.get(++i)).append('\n');
                }
                value = block.toString();
            }
            expressions.add(value);
        }
        return expressions;
    }

    /** The names a rules file's recording rules define ({@code record:}): Prometheus makes them, no service exports them. */
    static Set<String> recordedNames(Path rules) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(rules)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("- record:") || trimmed.startsWith("record:")) {
                names.add(trimmed.substring(trimmed.indexOf("record:") + 7).trim());
            }
        }
        return names;
    }

    /** Every target {@code expr} of a Grafana dashboard's JSON. */
    static List<String> dashboardExpressions(Path dashboard) throws IOException {
        List<String> expressions = new ArrayList<>();
        Matcher expr = DASHBOARD_EXPR.matcher(Files.readString(dashboard));
        while (expr.find()) {
            expressions.add(expr.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return expressions;
    }

    private static int indent(String line) {
        return line.isBlank() ? Integer.MAX_VALUE : line.length() - line.stripLeading().length();
    }
}
