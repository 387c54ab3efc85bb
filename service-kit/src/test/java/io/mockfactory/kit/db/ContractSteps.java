package io.mockfactory.kit.db;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the contract steps of expand/contract schema changes in a migration script: statements that break the
 * release before the one that runs them, which after a rollback (or during a rolling update) still reads and writes
 * the schema. A step is accepted when its line, the line before it, or its statement's first line or the line
 * before that carries {@code -- contract: <reason>}, the reason saying which release stopped using the thing.
 * Comments and string literals are not searched; dollar-quoted bodies (functions, DO blocks) are.
 */
final class ContractSteps {
    private static final Pattern MARKER = Pattern.compile("^--\\s*contract:\\s*\\S.*");
    private static final Pattern ALTER_TABLE_OR_VIEW = Pattern.compile(
            "\\bALTER\\s+(?:TABLE|VIEW|MATERIALIZED\\s+VIEW)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "\\bALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?\\S+\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOLLAR_QUOTE = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern DROP_TABLE = Pattern.compile("\\bDROP\\s+TABLE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "^\\s*DROP\\s+(?:COLUMN\\b|(?!CONSTRAINT\\b)\\S)", Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME = Pattern.compile("\\bRENAME\\b(?!\\s+CONSTRAINT\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_TYPE = Pattern.compile(
            "\\bALTER\\s+(?:COLUMN\\s+)?(?!COLUMN\\b)\\S+\\s+(?:SET\\s+DATA\\s+)?TYPE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_NOT_NULL = Pattern.compile("\\bSET\\s+NOT\\s+NULL\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_DEFAULT = Pattern.compile("\\bSET\\s+DEFAULT\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "^\\s*ADD\\s+(?:COLUMN\\b|(?!CONSTRAINT\\b|PRIMARY\\b|UNIQUE\\b|CHECK\\b|FOREIGN\\b|EXCLUDE\\b)\\S)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_NULL = Pattern.compile("\\bNOT\\s+NULL\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILLS_ITSELF = Pattern.compile("\\b(?:DEFAULT|GENERATED)\\b", Pattern.CASE_INSENSITIVE);

    record Finding(int line, String step, String statement) {
        @Override
        public String toString() {
            return "line " + line + ": " + step + ": " + statement;
        }
    }

    private ContractSteps() {
    }

    static List<Finding> find(String sql) {
        Set<Integer> markers = new HashSet<>();
        String code = codeOnly(sql, markers);
        List<Finding> findings = new ArrayList<>();
        int start = 0;
        for (int end = code.indexOf(';'); start < code.length(); end = code.indexOf(';', start)) {
            int stop = end < 0 ? code.length() : end;
            inspect(sql, code, start, stop, markers, findings);
            start = stop + 1;
        }
        return findings;
    }

    private static void inspect(String sql, String code, int from, int to, Set<Integer> markers, List<Finding> findings) {
        String statement = code.substring(from, to);
        if (statement.isBlank()) {
            return;
        }
        int first = from + (statement.length() - statement.stripLeading().length());
        Step step = new Step(sql, code, first, to, markers, findings);
        step.flagAll(DROP_TABLE, statement, from, "DROP TABLE");
        if (ALTER_TABLE_OR_VIEW.matcher(statement).find()) {
            step.flagAll(RENAME, statement, from, "RENAME");
        }
        Matcher alterTable = ALTER_TABLE.matcher(statement);
        if (!alterTable.find()) {
            return;
        }
        int head = alterTable.end();
        String body = statement.substring(head);
        step.flagAll(CHANGE_TYPE, body, from + head, "ALTER COLUMN ... TYPE");
        if (!SET_DEFAULT.matcher(body).find()) {
            step.flagAll(SET_NOT_NULL, body, from + head, "SET NOT NULL on a column without DEFAULT");
        }
        for (int[] action : actions(body)) {
            String rest = body.substring(action[0], action[1]);
            int at = from + head + action[0] + (rest.length() - rest.stripLeading().length());
            if (DROP_COLUMN.matcher(rest).find()) {
                step.flag(at, "DROP COLUMN");
            }
            if (ADD_COLUMN.matcher(rest).find() && NOT_NULL.matcher(rest).find() && !FILLS_ITSELF.matcher(rest).find()) {
                step.flag(at, "ADD COLUMN ... NOT NULL without DEFAULT");
            }
        }
    }

    /** The comma-separated actions of an ALTER TABLE, as offsets: commas inside parentheses do not separate. */
    private static List<int[]> actions(String statement) {
        List<int[]> actions = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                actions.add(new int[]{start, i});
                start = i + 1;
            }
        }
        actions.add(new int[]{start, statement.length()});
        return actions;
    }

    private record Step(String sql, String code, int first, int to, Set<Integer> markers, List<Finding> findings) {
        void flagAll(Pattern pattern, String statement, int from, String name) {
            Matcher matcher = pattern.matcher(statement);
            while (matcher.find()) {
                flag(from + matcher.start(), name);
            }
        }

        void flag(int offset, String name) {
            int line = lineOf(code, offset);
            int statementLine = lineOf(code, first);
            if (markers.contains(line) || markers.contains(line - 1)
                    || markers.contains(statementLine) || markers.contains(statementLine - 1)) {
                return;
            }
            String text = sql.substring(first, to).replaceAll("\\s+", " ").strip();
            findings.add(new Finding(line, name, text.length() > 160 ? text.substring(0, 157) + "..." : text));
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * {@code sql} with comments and the insides of string literals blanked and quoted identifiers replaced by
     * x's (same length, same line breaks, so offsets and lines still match); the lines of {@code -- contract:}
     * markers go to {@code markers}.
     */
    private static String codeOnly(String sql, Set<Integer> markers) {
        StringBuilder code = new StringBuilder(sql.length());
        int line = 1;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                if (MARKER.matcher(sql.substring(i, end).strip()).matches()) {
                    markers.add(line);
                }
                code.append(" ".repeat(end - i));
                i = end;
                continue;
            }
            Matcher dollar = DOLLAR_QUOTE.matcher(sql).region(i, sql.length());
            if (c == '$' && dollar.lookingAt() && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
                // A function or DO body is scanned as statements of its own: a DROP COLUMN in a DO block is one
                code.append(';').append(" ".repeat(dollar.end() - i - 1));
                i = dollar.end();
                continue;
            }
            int end = switch (c) {
                case '/' -> sql.startsWith("/*", i) ? blockCommentEnd(sql, i) : -1;
                case '\'' -> quotedEnd(sql, i, '\'');
                case '"' -> quotedEnd(sql, i, '"');
                default -> -1;
            };
            if (end < 0) {
                code.append(c);
                line += c == '\n' ? 1 : 0;
                i++;
                continue;
            }
            for (int j = i; j < end; j++) {
                char inner = sql.charAt(j);
                boolean keep = inner == '\n' || (c != '/' && (j == i || j == end - 1));
                code.append(keep ? inner : c == '"' ? 'x' : ' ');
                line += inner == '\n' ? 1 : 0;
            }
            i = end;
        }
        return code.toString();
    }

    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        for (int i = start; i < sql.length() - 1; i++) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i++;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i++;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return sql.length();
    }

    private static int quotedEnd(String sql, int start, char quote) {
        for (int i = start + 1; i < sql.length(); i++) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return sql.length();
    }
}
