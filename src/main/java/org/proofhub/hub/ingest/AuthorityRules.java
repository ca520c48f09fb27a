package org.proofhub.hub.ingest;

import java.util.Map;

/**
 * One number, one source (一数一源, SPEC 2.4): for each canonical kind the connector that owns its
 * records, and per-field exceptions. Only the authoritative connector writes a field; another
 * source's differing value is recorded as a conflict.
 */
public record AuthorityRules(Map<String, KindAuthority> authority) {

    public record KindAuthority(String owner, Map<String, String> fields) {
        public String of(String field) {
            return fields != null && fields.containsKey(field) ? fields.get(field) : owner;
        }
    }

    public String owner(String kind) {
        KindAuthority k = authority.get(kind);
        return k == null ? null : k.owner();
    }

    public String authorityFor(String kind, String field) {
        KindAuthority k = authority.get(kind);
        return k == null ? null : k.of(field);
    }

    /** Whether {@code connector} is authoritative for at least one field of {@code kind}. */
    public boolean writes(String kind, String connector) {
        KindAuthority k = authority.get(kind);
        return k != null && (k.owner().equals(connector) || (k.fields() != null && k.fields().containsValue(connector)));
    }
}
