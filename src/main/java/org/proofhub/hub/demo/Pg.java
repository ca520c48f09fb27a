package org.proofhub.hub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.util.PGobject;

/** The JDBC plumbing the demo classes share: transactions, scripts, bulk and single-row writes. */
final class Pg {

    /** Work done inside one transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Pg() {
    }

    /** Runs {@code work} in its own transaction, committed on success and rolled back on any failure. */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Serialises concurrent demo set-ups of one database for the rest of the transaction. */
    static void lockFor(Connection c, String purpose) throws SQLException {
        execute(c, "SELECT pg_advisory_xact_lock(hashtext(?))", purpose);
    }

    /** Runs a statement whose result, if any, does not matter. */
    static void execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters)) {
            ps.execute();
        }
    }

    static void runScript(Connection c, String resource) throws SQLException {
        try (InputStream in = Pg.class.getClassLoader().getResourceAsStream(resource);
             Statement st = c.createStatement()) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + resource + " is missing");
            }
            st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static boolean exists(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    static long queryLong(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String queryString(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, parameters)) {
            return ps.executeUpdate();
        }
    }

    /** One row, chosen uniformly by {@code random} among those {@code fromWhere} selects, ordered by {@code key}. */
    static <T> T pickRow(Connection c, Random random, String columns, String fromWhere, String key,
                         RowReader<T> reader) throws SQLException {
        long count = queryLong(c, "SELECT count(*) " + fromWhere);
        if (count == 0) {
            return null;
        }
        long offset = (long) (random.nextDouble() * count);
        try (PreparedStatement ps = prepare(c, "SELECT " + columns + " " + fromWhere + " ORDER BY " + key
                + " OFFSET ? LIMIT 1", offset); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? reader.read(rs) : null;
        }
    }

    /** A query for code that cannot throw checked exceptions. */
    interface Query<T> {
        T run() throws SQLException;
    }

    /** Runs {@code query} for a caller that takes plain functions; a failure names {@code what} was asked. */
    static <T> T unchecked(String what, Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new IllegalStateException("demo query failed: " + what + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Describes a failure for a log line by its type and SQL state only: database messages may
     * quote row values, and those are personal data.
     */
    static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e instanceof SQLException s ? " (SQL state " + s.getSQLState() + ")" : "");
    }

    /** Maps the current row of a result set. */
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static void insert(Connection c, String table, List<String> columns, Object[] values) throws SQLException {
        String sql = "INSERT INTO " + quote(table) + " (" + columns.stream().map(Pg::quote).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(col -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement ps = prepare(c, sql, values)) {
            ps.executeUpdate();
        }
    }

    /** Loads a whole table through COPY, the fastest way into PostgreSQL; triggers fire as for inserts. */
    static long copyIn(Connection c, DemoTable table) throws SQLException {
        StringBuilder text = new StringBuilder(table.rows().size() * 200);
        for (List<Object> row : table.rows()) {
            for (int i = 0; i < row.size(); i++) {
                text.append(i == 0 ? "" : "\t").append(copyText(row.get(i)));
            }
            text.append('\n');
        }
        String sql = "COPY " + quote(table.name()) + " ("
                + table.columns().stream().map(Pg::quote).collect(Collectors.joining(", ")) + ") FROM STDIN";
        try {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stream table " + table.name() + " to COPY", e);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, jdbcValue(parameters[i]));
        }
        return ps;
    }

    private static Object jdbcValue(Object value) throws SQLException {
        if (value instanceof JsonNode json) {
            PGobject jsonb = new PGobject();
            jsonb.setType("jsonb");
            jsonb.setValue(json.toString());
            return jsonb;
        }
        return value;
    }

    // COPY's text format: \N for null, backslash escapes for the delimiter and line breaks
    private static String copyText(Object value) {
        if (value == null) {
            return "\\N";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
