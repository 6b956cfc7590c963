package dev.movieratings.catalog.infrastructure;

import dev.movieratings.catalog.application.CatalogRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a MovieLens CSV file: UTF-8, one record a line, fields quoted as RFC 4180 says ("" inside quotes
 * is one quote). Lines are numbered as an editor shows them; blank lines are skipped but counted. The
 * catalog import and the local seed's ratings both read through it.
 */
public final class CsvRows {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvRows() {}

    public static List<CatalogRow> read(InputStream in) throws IOException {
        List<CatalogRow> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    rows.add(row(number, line));
                }
            }
        }
        return rows;
    }

    static CatalogRow row(int number, String line) {
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
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return new CatalogRow(number, fields, quoted);
    }
}
