package org.proofhub.hub.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.proofhub.hub.account.HubUser;

/**
 * Keeping the certificate-free list (SPEC §6.1, {@code 001} art. 5): its versions, one draft at a time copied from the
 * published list, items saved or removed under the list's rules, publication with the cause and its date (late when past
 * the due working days), discarding. Every step is audited and in the list's history. What the REST API
 * ({@code /api/list}) and the console's list pages use.
 */
public interface ListMaintenance {

    /** Every version without its items, oldest first. */
    List<ListVersion> versions();

    /** A version with its items. */
    Optional<ListVersion> find(String version);

    ListVersion draft(String version, HubUser by);

    /** Adds or replaces one item of the draft; the whole draft must keep the list's rules (422 {@code list-rule-violated}). */
    ListVersion saveItem(String version, ServiceItem item, HubUser by);

    ListVersion removeItem(String version, String code, HubUser by);

    ListVersion publish(String version, String cause, LocalDate causeDate, HubUser by);

    void discard(String version, HubUser by);

    /** The last working day a change caused on {@code causeDate} is on time. */
    LocalDate dueBy(LocalDate causeDate);
}
