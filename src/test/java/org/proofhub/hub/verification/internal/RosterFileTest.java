package org.proofhub.hub.verification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.springframework.core.io.DefaultResourceLoader;

/** A roster file is checked whole against units and accounts; each problem names file and key. */
class RosterFileTest {
    static final Map<String, HubUser> PEOPLE = Map.of(
            "gaj.agent", new HubUser("gaj.agent", "甲", "GAJ", Set.of(Role.AGENT)),
            "gaj.agent.b", new HubUser("gaj.agent.b", "乙", "GAJ", Set.of(Role.AGENT)),
            "gaj.supervisor", new HubUser("gaj.supervisor", "丙", "GAJ", Set.of(Role.SUPERVISOR)),
            "fgw.agent", new HubUser("fgw.agent", "丁", "FGW", Set.of(Role.AGENT)),
            "fgw.supervisor", new HubUser("fgw.supervisor", "戊", "FGW", Set.of(Role.SUPERVISOR)));
    static final Accounts ACCOUNTS = new Accounts(null, null) {
        @Override
        public Optional<HubUser> find(String username) {
            return Optional.ofNullable(PEOPLE.get(username));
        }

        @Override
        public List<Unit> units() {
            return List.of(new Unit("GAJ", "公安局", "PSB", "DEPARTMENT"), new Unit("FGW", "发改委", "DRC", "DEPARTMENT"));
        }
    };

    @TempDir
    Path dir;

    @Test
    void aGoodFileGivesPostsAndAbPairs() throws Exception {
        RosterFile file = read("""
                units:
                  - unit: GAJ
                    supervisor: gaj.supervisor
                    pairs:
                      - {a: gaj.agent, b: gaj.agent.b}
                  - unit: FGW
                    supervisor: fgw.supervisor
                    pairs:
                      - {a: fgw.agent}
                """);
        assertThat(file.posts().get("GAJ")).containsExactlyInAnyOrder(
                new RosterStore.PostRow("GAJ", "gaj.supervisor", "SUPERVISOR", null, true),
                new RosterStore.PostRow("GAJ", "gaj.agent", "A", "gaj.agent.b", true),
                new RosterStore.PostRow("GAJ", "gaj.agent.b", "B", "gaj.agent", true));
        assertThat(file.warnings()).containsExactly("rosters.yaml: units[1].pairs[0]: agent fgw.agent of FGW has no B backup (AB 岗)");
    }

    @Test
    void everyProblemIsNamedByFileAndKeyAndNothingIsApplied() {
        assertThatThrownBy(() -> read("""
                units:
                  - unit: XYZ
                  - unit: GAJ
                    supervisor: gaj.agent
                    pairs:
                      - {a: fgw.agent, b: nobody}
                      - {a: gaj.agent, b: gaj.agent}
                """)).isInstanceOf(HubException.class)
                .hasMessageContaining("rosters.yaml: units[0].unit: unknown unit 'XYZ'")
                .hasMessageContaining("rosters.yaml: units[1].supervisor: account 'gaj.agent' lacks the role SUPERVISOR")
                .hasMessageContaining("rosters.yaml: units[1].pairs[0].a: account 'fgw.agent' belongs to unit FGW, not GAJ")
                .hasMessageContaining("rosters.yaml: units[1].pairs[0].b: account 'nobody' does not exist or is disabled")
                .hasMessageContaining("rosters.yaml: units[1].pairs[1].b: account 'gaj.agent' holds another post already");
    }

    @Test
    void aUnitWithoutAgentsIsReported() throws Exception {
        RosterFile file = read("""
                units:
                  - unit: FGW
                    supervisor: fgw.supervisor
                """);
        assertThat(file.warnings()).containsExactly(
                "rosters.yaml: units[0]: unit FGW has no agent: nobody is on duty, its requests go to the supervisor");
    }

    private RosterFile read(String yaml) throws Exception {
        Path f = dir.resolve("rosters.yaml");
        Files.writeString(f, yaml);
        return RosterFile.read(f.toUri().toString(), new DefaultResourceLoader(), ACCOUNTS);
    }
}
