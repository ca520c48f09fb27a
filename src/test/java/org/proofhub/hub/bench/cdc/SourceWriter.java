package org.proofhub.hub.bench.cdc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.proofhub.hub.bench.cdc.BenchPersons.Person;

/**
 * Writes to the population department's RK_JBXX as its own application would, on a pool of its own so
 * that the source is not what limits a measurement: bulk loads as multi-row statements, one statement per
 * transaction, spread over several connections; single-row changes in their own transaction.
 */
final class SourceWriter implements AutoCloseable {
    private static final String TABLE = "\"" + BenchPersons.TABLE + "\"";

    private final HikariDataSource pool;
    private final ExecutorService loaders;
    private final AtomicLong committedChanges = new AtomicLong();

    SourceWriter(String jdbcUrl, int threads) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-source");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(threads + 1);
        this.pool = new HikariDataSource(config);
        this.loaders = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-source-loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Source row changes committed so far by this writer. */
    long committedChanges() {
        return committedChanges.get();
    }

    /** Inserts {@code persons}, {@code rowsPerTransaction} rows per multi-row INSERT, in parallel transactions. */
    void insert(List<Person> persons, int rowsPerTransaction) throws Exception {
        inParallel(persons, rowsPerTransaction, chunk -> {
            String row = "(" + String.join(", ", Collections.nCopies(BenchPersons.COLUMNS.size(), "?")) + ")";
            String sql = "INSERT INTO " + TABLE + " (" + quotedColumns() + ") VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), row));
            return transaction(sql, chunk.stream().flatMap(p -> List.of(p.values()).stream()).toList(), chunk.size());
        });
    }

    /** Moves every one of {@code persons} to {@code street}, {@code rowsPerTransaction} per UPDATE, in parallel. */
    void move(List<Person> persons, String street, int rowsPerTransaction) throws Exception {
        inParallel(persons, rowsPerTransaction, chunk -> {
            String sql = "UPDATE " + TABLE + " t SET \"HJDZ\" = v.address, \"GXSJ\" = ? FROM (VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"))
                    + ") AS v(rkbh, address) WHERE t.\"RKBH\" = v.rkbh";
            List<Object> parameters = new ArrayList<>();
            parameters.add(LocalDateTime.now());
            chunk.forEach(p -> {
                parameters.add(p.rkbh());
                parameters.add(BenchPersons.movedTo(p, street));
            });
            return transaction(sql, parameters, chunk.size());
        });
    }

    /** Inserts one person in its own transaction. */
    void insert(Person p) throws SQLException {
        transaction("INSERT INTO " + TABLE + " (" + quotedColumns() + ") VALUES ("
                + String.join(", ", Collections.nCopies(BenchPersons.COLUMNS.size(), "?")) + ")", List.of(p.values()), 1);
    }

    /** Moves one person to {@code street} in its own transaction. */
    void move(Person p, String street) throws SQLException {
        transaction("UPDATE " + TABLE + " SET \"HJDZ\" = ?, \"GXSJ\" = ? WHERE \"RKBH\" = ?",
                List.of(BenchPersons.movedTo(p, street), LocalDateTime.now(), p.rkbh()), 1);
    }

    /** A connection of the writer's pool, for queries about the source (commit timestamps). */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    private interface Chunk {
        long write(List<Person> chunk) throws SQLException;
    }

    private void inParallel(List<Person> persons, int rowsPerTransaction, Chunk chunk) throws Exception {
        List<Future<Long>> done = new ArrayList<>();
        for (int from = 0; from < persons.size(); from += rowsPerTransaction) {
            List<Person> part = persons.subList(from, Math.min(persons.size(), from + rowsPerTransaction));
            done.add(loaders.submit(() -> chunk.write(part)));
        }
        for (Future<Long> f : done) {
            f.get();
        }
    }

    private long transaction(String sql, List<Object> parameters, int changes) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setObject(i + 1, parameters.get(i));
                }
                int rows = ps.executeUpdate();
                if (rows != changes) {
                    throw new SQLException("expected to change " + changes + " row(s) of " + TABLE + ", changed " + rows);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        committedChanges.addAndGet(changes);
        return changes;
    }

    private static String quotedColumns() {
        return BenchPersons.COLUMNS.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        loaders.shutdownNow();
        pool.close();
    }
}
