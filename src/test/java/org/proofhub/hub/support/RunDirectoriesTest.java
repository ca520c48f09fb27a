package org.proofhub.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoriesTest {

    @TempDir
    Path area;

    @Test
    void directoriesOfEarlierRunsGoAndThoseOfARunGoingOnStay() throws IOException {
        Path earlier = Files.createDirectories(area.resolve("0a1b2c3d/postgres"));
        Files.writeString(earlier.resolve("PG_VERSION"), "17");
        Files.setLastModifiedTime(earlier.getParent(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path current = Files.createDirectories(area.resolve("4e5f6a7b/postgres"));

        RunDirectories.removeLeftOvers(area, Instant.now().minus(RunDirectories.LEFT_OVER_AFTER));

        assertThat(area.resolve("0a1b2c3d")).doesNotExist();
        assertThat(current).isDirectory();
        RunDirectories.removeLeftOvers(area.resolve("none-yet"), Instant.now());
    }
}
