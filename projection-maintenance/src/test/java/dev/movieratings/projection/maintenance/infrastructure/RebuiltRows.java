package dev.movieratings.projection.maintenance.infrastructure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of every projection table and of the other tables verify reads (the personal texts, the parked events),
 * kept aside in schema {@code kept_rows}
 * and put back; as the superuser, since the tables are the owner's and the kept copies nobody else's. Generated
 * columns are left to PostgreSQL, which refuses a value for them.
 */
final class RebuiltRows {

    private static final List<String> READ_BY_VERIFY =
            List.of("personal.review_texts", "personal.diary_notes", "personal.tags", "ops.parked_events");

    /** Each kept table with the columns it was kept with, read from the catalogue once per rebuild. */
    private static Map<String, String> columnsByTable = Map.of();

    private RebuiltRows() {}

    static void keep(JdbcClient jdbc) {
        jdbc.sql("drop schema if exists kept_rows cascade").update();
        jdbc.sql("create schema kept_rows").update();
        Map<String, String> columns = new LinkedHashMap<>();
        for (String table : tables(jdbc)) {
            columns.put(table, columns(jdbc, table));
            jdbc.sql("create table " + kept(table) + " as select " + columns.get(table) + " from " + table)
                    .update();
        }
        columnsByTable = columns;
    }

    static void putBack(JdbcClient jdbc) {
        jdbc.sql("truncate " + String.join(", ", columnsByTable.keySet())).update();
        columnsByTable.forEach((table, columns) -> jdbc.sql(
                        "insert into " + table + " (" + columns + ") select " + columns + " from " + kept(table))
                .update());
    }

    private static String kept(String table) {
        return "kept_rows.\"" + table + "\"";
    }

    private static List<String> tables(JdbcClient jdbc) {
        List<String> projection = jdbc.sql("""
                        select 'projection.' || table_name from information_schema.tables
                        where table_schema = 'projection' and table_type = 'BASE TABLE' order by table_name
                        """).query(String.class).list();
        return Stream.concat(projection.stream(), READ_BY_VERIFY.stream()).toList();
    }

    private static String columns(JdbcClient jdbc, String table) {
        return jdbc.sql("""
                        select string_agg(quote_ident(column_name), ', ' order by ordinal_position)
                        from information_schema.columns
                        where table_schema || '.' || table_name = :table and is_generated = 'NEVER'
                        """).param("table", table).query(String.class).single();
    }
}
