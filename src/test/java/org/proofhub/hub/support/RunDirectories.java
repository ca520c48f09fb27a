package org.proofhub.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Data directories of test runs under {@code target/<area>/<random>}: each hub a test starts leaves its PostgreSQL and
 * broker data there (about 180 MB). The first directory a test JVM asks for in an area removes that area's directories
 * left by runs more than {@link #LEFT_OVER_AFTER} ago, so that running the suite again and again does not fill the
 * disk (the broker stops taking messages at 90 % disk use); a run going on at the same time keeps its own.
 */
public final class RunDirectories {
    static final Duration LEFT_OVER_AFTER = Duration.ofHours(1);
    private static final Set<Path> CLEANED = ConcurrentHashMap.newKeySet();

    private RunDirectories() {
    }

    /** A new directory name under {@code target/<area>} (not created), named {@code <prefix><random>}. */
    public static Path next(String area, String prefix) {
        Path parent = Path.of("target", area).toAbsolutePath();
        if (CLEANED.add(parent)) {
            removeLeftOvers(parent, Instant.now().minus(LEFT_OVER_AFTER));
        }
        return parent.resolve(prefix + UUID.randomUUID().toString().substring(0, 8));
    }

    public static Path next(String area) {
        return next(area, "");
    }

    static void removeLeftOvers(Path parent, Instant before) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> runs = Files.list(parent)) {
            for (Path run : runs.toList()) {
                if (Files.isDirectory(run) && Files.getLastModifiedTime(run).compareTo(FileTime.from(before)) < 0) {
                    delete(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
