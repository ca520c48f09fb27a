package org.proofhub.hub.ingest;

import java.util.List;
import java.util.Map;

/**
 * One number, one source (一数一源, SPEC 2.4): for each canonical kind the connector(s) that own its
 * records, and per-field exceptions. A record is owned by the owner connector that created it (a kind
 * like Licence can have several owners, each issuing its own records); only the record's owner, or
 * the connector named for a field, writes a field. Another source's differing value is recorded as a
 * conflict.
 */
public record AuthorityRules(Map<String, KindAuthority> authority) {

    /**
     * @param owner  the single owner connector, or
     * @param owners several owner connectors, each owning the records it creates
     * @param fields field name to the connector authoritative for it whoever owns the record
     */
    public record KindAuthority(String owner, List<String> owners, Map<String, String> fields) {
        public List<String> ownerList() {
            return owners != null ? owners : owner == null ? List.of() : List.of(owner);
        }
    }

    public List<String> owners(String kind) {
        KindAuthority k = authority.get(kind);
        return k == null ? List.of() : k.ownerList();
    }

    /** Whether {@code connector} may create (own) records of {@code kind}. */
    public boolean isOwner(String kind, String connector) {
        return owners(kind).contains(connector);
    }

    /** The connector authoritative for {@code field} of a record of {@code kind} owned by {@code recordOwner}. */
    public String authorityFor(String kind, String field, String recordOwner) {
        KindAuthority k = authority.get(kind);
        if (k == null) {
            return null;
        }
        if (k.fields() != null && k.fields().containsKey(field)) {
            return k.fields().get(field);
        }
        return recordOwner != null ? recordOwner : k.ownerList().isEmpty() ? null : k.ownerList().get(0);
    }

    /** Whether {@code connector} is named as the authority of a single field of {@code kind}. */
    public boolean ownsSomeField(String kind, String connector) {
        KindAuthority k = authority.get(kind);
        return k != null && k.fields() != null && k.fields().containsValue(connector);
    }
}
