package org.proofhub.hub.proof;

import java.util.List;
import java.util.Map;

/**
 * A kind of proof, from {@code proofs/<id>.proof-type.yaml}: who it is about, where a data query finds
 * its facts, which facts it states (the minimum necessary, SPEC §2.6) and the sentence it reads.
 * Proof types without a {@code source} are issued by department verification or replaced by commitments.
 */
public record ProofType(String id, String title, String titleEn, SubjectKind subject, String issuingUnit, int validityDays,
                        Source source, List<Fact> facts, String statement, String statementNone) {

    public enum SubjectKind { PERSON, ORGANISATION, ANY }

    /**
     * @param match  canonical field equal to the subject's citizen ID or USCC
     * @param name   canonical field the given subject name must equal
     * @param many   several records may match, and none is an answer too
     * @param where  further equality filters on canonical fields
     * @param select a field the query may name to pick one record
     */
    public record Source(String kind, String match, String name, Boolean many, Map<String, Object> where, String select) {
        public boolean isMany() {
            return Boolean.TRUE.equals(many);
        }
    }

    /** One fact line: a field, an aggregate or a computed value, with its label and the labels of coded values. */
    public record Fact(String field, String aggregate, String computed, String label, Map<String, String> values, Boolean list,
                       String empty) {
        public String key() {
            return field != null ? field : aggregate != null ? aggregate : computed;
        }

        public boolean isList() {
            return Boolean.TRUE.equals(list);
        }
    }

    public boolean isDataQuery() {
        return source != null;
    }
}
