package org.proofhub.hub.verification.internal;

import org.proofhub.hub.catalog.ListEntry;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.ItemTerms;
import org.proofhub.hub.verification.ServiceItemPolicy;
import org.proofhub.hub.verification.VerificationProperties;
import org.proofhub.hub.verification.VerificationSubmission;
import org.springframework.http.HttpStatus;

/**
 * The published certificate-free list decides (SPEC §6.1): a request is accepted only for an item whose
 * list entry obtains that proof by department verification, and the item's kind and promised limit come
 * from the list, not from the request. A request that states other terms than the list is refused, so a
 * window system with an outdated copy of the list notices. The list's issuing unit is reported with the terms: a
 * request goes to it, unless the request is re-addressed after a return (the returning unit knows better).
 */
final class ListServiceItemPolicy implements ServiceItemPolicy {
    private final PublishedList list;
    private final VerificationProperties props;

    ListServiceItemPolicy(PublishedList list, VerificationProperties props) {
        this.list = list;
        this.props = props;
    }

    @Override
    public ItemTerms terms(VerificationSubmission s) {
        ListEntry entry = list.requireMethod(s.serviceItemCode().strip(), s.proofType().strip(), Method.DEPARTMENT_VERIFICATION);
        ServiceItem item = entry.item();
        ItemKind kind = item.kind() == ServiceItem.Kind.COMMITMENT ? ItemKind.COMMITMENT : ItemKind.INSTANT;
        if (s.itemKind() != null && s.itemKind() != kind) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-item-kind-mismatch", "Item kind differs from the list",
                    item.code() + " " + item.name() + " is " + kind + " in list version " + entry.listVersion() + ", the request says "
                            + s.itemKind() + "; leave itemKind out or update the window system's copy of the list");
        }
        if (s.itemPromisedLimit() != null && !s.itemPromisedLimit().equals(item.promisedDuration())) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-promised-limit-mismatch", "Promised limit differs from the list",
                    item.code() + " " + item.name() + " promises " + (item.promisedLimit() == null ? "no limit (instant item)" : item.promisedLimit())
                            + " in list version " + entry.listVersion() + ", the request says " + s.itemPromisedLimit());
        }
        boolean dataBacked = s.dataBacked() || props.proofData().containsKey(s.proofType().strip());
        return new ItemTerms(kind, kind == ItemKind.COMMITMENT ? item.promisedDuration() : null, dataBacked, entry.entry().issuingUnit());
    }
}
