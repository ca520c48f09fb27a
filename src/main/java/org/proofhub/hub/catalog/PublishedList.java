package org.proofhub.hub.catalog;

import java.util.Set;

/**
 * The certificate-free list that governs now: the one published version (SPEC §6.1). Every decision that
 * depends on the list (a data query, a verification request, a commitment, a paper proof in the ledger)
 * reads it here at the time of the decision, so a publication takes effect with the next call.
 */
public interface PublishedList {

    /** The published version with its items. */
    ListVersion current();

    /**
     * The entry for {@code proofType} of {@code itemCode}, which the published list must obtain by one of
     * {@code methods}. Department verification calls it with {@link Method#DEPARTMENT_VERIFICATION}, proof
     * queries with {@link Method#DATA_QUERY}.
     *
     * @throws org.proofhub.hub.platform.HubException 404 {@code item-not-on-list} when the item is not on the list;
     *         422 {@code proof-not-waived} when the list does not waive that proof for the item;
     *         409 {@code method-mismatch} when the list says another method (property {@code method}, and the
     *         detail says what to do instead). Each carries {@code listVersion} and {@code result}.
     */
    ListEntry requireMethod(String itemCode, String proofType, Set<Method> methods);

    /** {@link #requireMethod(String, String, Set)} for one method. */
    default ListEntry requireMethod(String itemCode, String proofType, Method method) {
        return requireMethod(itemCode, proofType, Set.of(method));
    }

    /**
     * The entry whatever its method (the paper-proof ledger needs it for any waived proof).
     *
     * @throws org.proofhub.hub.platform.HubException as {@link #requireMethod}, without the method check
     */
    ListEntry requireEntry(String itemCode, String proofType);
}
