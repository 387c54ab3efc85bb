package io.mockfactory.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns aligned with two spaces between them; an empty cell shows as {@code -} so that columns stay readable. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();

    /** @param headers the first row, as given (e.g. upper case); none for a key-value listing */
    public Table(String... headers) {
        if (headers.length > 0) {
            rows.add(headers);
        }
    }

    public Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(cell -> cell == null || cell.toString().isEmpty() ? "-" : cell.toString())
                .toArray(String[]::new));
        return this;
    }

    public List<String> lines() {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
