package org.proofhub.hub.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.HubIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Accounts created in a batch, as the demo's are at every start: only the missing ones are made, each with its own hash. */
class AccountsIT extends HubIT {
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    UserDetailsService userDetails;

    @Test
    void onlyMissingAccountsAreCreatedAndAnExistingOneKeepsItsPassword() {
        String before = hash("window.agent");
        List<Accounts.NewAccount> wanted = List.of(
                new Accounts.NewAccount("window.agent", "another password", "窗口代办员", "ZWFWZX", Set.of(Role.AGENT)),
                new Accounts.NewAccount("batch.agent.a", "secret-a", "批量甲", "ZWFWZX", Set.of(Role.AGENT)),
                new Accounts.NewAccount("batch.agent.b", "secret-b", "批量乙", "GAJ", Set.of(Role.AGENT, Role.SUPERVISOR)));

        assertThat(accounts.createAllIfAbsent(wanted)).containsExactly("batch.agent.a", "batch.agent.b");

        assertThat(hash("window.agent")).isEqualTo(before);
        assertThat(encoder.matches("secret-a", hash("batch.agent.a"))).isTrue();
        assertThat(encoder.matches("secret-b", hash("batch.agent.b"))).isTrue();
        assertThat(encoder.matches("secret-a", hash("batch.agent.b"))).isFalse();
        assertThat(accounts.find("batch.agent.b")).hasValueSatisfying(u -> {
            assertThat(u.unitCode()).isEqualTo("GAJ");
            assertThat(u.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.SUPERVISOR);
        });
        assertThat(accounts.createAllIfAbsent(wanted)).as("a second start creates nothing").isEmpty();
    }

    /**
     * HTTP Basic uses an account read less than a second old again: an account disabled in the database is refused within
     * that second, a new one works at once, and each call's principal is its own (Spring Security erases its password).
     */
    @Test
    void httpBasicSeesAnAccountDisabledInTheDatabaseWithinASecondAndANewOneAtOnce() {
        assertThatThrownBy(() -> userDetails.loadUserByUsername("late.agent")).isInstanceOf(UsernameNotFoundException.class);
        accounts.createAllIfAbsent(List.of(new Accounts.NewAccount("late.agent", "secret-late", "后来者", "ZWFWZX", Set.of(Role.AGENT))));
        UserDetails first = userDetails.loadUserByUsername("late.agent");
        assertThat(first.isEnabled()).as("not remembered as missing").isTrue();

        ((User) first).eraseCredentials();
        UserDetails second = userDetails.loadUserByUsername("late.agent");
        assertThat(second).isNotSameAs(first);
        assertThat(encoder.matches("secret-late", second.getPassword())).as("a principal of its own, password intact").isTrue();

        jdbc.update("update account set enabled = false where username = 'late.agent'");
        await().atMost(java.time.Duration.ofSeconds(3)).pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> !userDetails.loadUserByUsername("late.agent").isEnabled());
        assertThat(accounts.find("late.agent")).as("the hub's own read sees it at once").isEmpty();
    }

    private String hash(String username) {
        return jdbc.queryForObject("select password_hash from account where username = ?", String.class, username);
    }
}
