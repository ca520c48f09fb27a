package org.proofhub.hub.verification;

import java.util.List;
import org.proofhub.hub.account.HubUser;

/**
 * Who answers verification requests in each unit (SPEC §4.6, {@code 001} art. 10): agents on A and B
 * posts (AB 岗, partners back each other up) and one supervisor (督办员). The structure comes from a
 * roster file; who is available is kept in the hub database and changes at run time.
 */
public interface Rosters {

    /**
     * Applies a roster file (YAML, see {@code docs/verification.md}): every unit, account, role and pair
     * is checked first; the posts of the units it names are replaced, people already in post keep their
     * availability.
     *
     * @param location a Spring resource location, e.g. {@code classpath:demo/rosters.yaml}
     * @throws org.proofhub.hub.platform.HubException naming file and key when the file is wrong
     */
    RosterReport apply(String location);

    /**
     * Checks a roster an administrator or integrator sends (the YAML of a roster file) and, unless {@code checkOnly}, applies it
     * as {@link #apply} does; recorded in the audit trail ({@code ROSTER_APPLIED}). A hub started without a roster file gets
     * its rosters this way once the accounts exist; a roster file named in the configuration is applied again at each start.
     *
     * @throws org.proofhub.hub.platform.HubException 400 {@code invalid-roster} naming every problem
     */
    RosterReport apply(String name, byte[] yaml, boolean checkOnly, HubUser by);

    /** Every unit's posts, and the units in which nobody is on duty. */
    RosterReport report();

    /**
     * Marks an agent away or back. Open requests of an agent who leaves go to the backup (or, when no
     * agent is left, to the supervisor). The agent, their unit's supervisor or an admin may do it.
     */
    RosterReport setAvailable(String username, boolean available, HubUser by);

    /** The roster of all units, with what needs attention. */
    /**
     * @param unitsWithoutDuty       units where no agent is on duty: their requests go to the supervisor
     * @param unitsWithoutSupervisor units whose supervisor post is vacant (its account disabled, moved to another unit or without
     *                               the role): their escalations and alerts name nobody until the roster names a new supervisor
     */
    record RosterReport(List<UnitRoster> units, List<String> unitsWithoutDuty, List<String> unitsWithoutSupervisor, List<String> warnings) {
    }

    /**
     * One unit's posts.
     *
     * @param supervisor the supervisor in post, null when the post is vacant
     * @param onDuty     the agents available now
     */
    record UnitRoster(String unit, String supervisor, List<Post> posts, List<String> onDuty) {
    }

    /**
     * One person's post.
     *
     * @param post    A, B or SUPERVISOR
     * @param partner the other half of the AB pair
     * @param vacancy why the account no longer holds the post: {@code DISABLED}, {@code MOVED} to another unit, {@code LOST_ROLE}
     *                of the post, {@code GONE}; null while it does
     */
    record Post(String username, String post, String partner, boolean available, String vacancy) {
    }
}
