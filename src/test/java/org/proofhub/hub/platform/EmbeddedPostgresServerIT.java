package org.proofhub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded server is as durable as the hub promises, whatever zonky's test-minded defaults are. */
class EmbeddedPostgresServerIT {

    @TempDir
    Path dir;

    @Test
    void flushesEveryCommitToDiskAndLetsConfiguredSettingsWin() {
        // zonky starts postgres with -F (fsync off) and synchronous_commit off: a commit would survive a crash of the
        // process but not of the machine
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, Map.of("work_mem", "7MB"))) {
            JdbcTemplate jdbc = new JdbcTemplate(server.adminDataSource());
            assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("show wal_level", String.class)).isEqualTo("logical");
            assertThat(jdbc.queryForObject("show work_mem", String.class)).isEqualTo("7MB");
        }
    }
}
