package io.sparkdp.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields (RFC 4180 within a line): a field in double quotes may hold
 * the delimiter, and {@code ""} inside it is one quote. Fields are not trimmed; numbers are
 * parsed leniently about surrounding spaces.
 */
final class CsvLine {
    private CsvLine() {
    }

    /**
     * @throws IllegalArgumentException for a quote left open at the end of the line
     */
    static List<String> fields(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed at the end of the line");
        }
        fields.add(field.toString());
        return fields;
    }
}
