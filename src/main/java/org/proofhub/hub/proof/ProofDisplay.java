package org.proofhub.hub.proof;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.proofhub.hub.seal.SealPurpose;

/**
 * What a printed e-proof shows, already decided by the caller: which facts, and whether the subject's ID
 * is masked. Renderers lay it out and add nothing of their own but fixed wording, so what a person reads
 * is exactly what the hub chose to disclose (SPEC §2.6: minimum necessary fields).
 *
 * @param proofId      the proof's id, also in the {@code verification} link
 * @param title        the proof type as printed, e.g. 户籍证明, 企业登记状态证明
 * @param serviceItem  the service item the proof was made for, and only for (SPEC §3.3)
 * @param applicationId the application the proof is bound to
 * @param subject      whom the proof is about
 * @param facts        the proven facts, in the order printed
 * @param annotation   the automatic annotation of SPEC §3.3 (提取单位, 出具单位, 提取时间)
 * @param issuedAt     when the proof was issued
 * @param validUntil   the last day (China time) the proof may be used
 * @param seal         the seal printed on the proof; its purpose also decides which seal signs the PDF
 * @param verification where the proof is checked online; the QR code carries its {@link VerificationLink#uri()}
 */
public record ProofDisplay(String proofId, String title, ServiceItem serviceItem, String applicationId,
                           Subject subject, List<Fact> facts, Annotation annotation, Instant issuedAt,
                           LocalDate validUntil, SealMark seal, VerificationLink verification) {

    public ProofDisplay {
        requireText(proofId, "proofId", proofId);
        requireText(title, "title", proofId);
        Objects.requireNonNull(serviceItem, "serviceItem of proof " + proofId);
        requireText(applicationId, "applicationId", proofId);
        Objects.requireNonNull(subject, "subject of proof " + proofId);
        facts = List.copyOf(Objects.requireNonNull(facts, "facts of proof " + proofId));
        if (facts.isEmpty()) {
            throw new IllegalArgumentException("proof " + proofId + " states no fact");
        }
        Objects.requireNonNull(annotation, "annotation of proof " + proofId);
        Objects.requireNonNull(issuedAt, "issuedAt of proof " + proofId);
        Objects.requireNonNull(validUntil, "validUntil of proof " + proofId);
        Objects.requireNonNull(seal, "seal of proof " + proofId);
        if (seal.purpose() != SealPurpose.DATA_SHARING && seal.purpose() != SealPurpose.VERIFICATION) {
            throw new IllegalArgumentException("a proof is sealed with a DATA_SHARING or VERIFICATION seal, not " + seal.purpose());
        }
        Objects.requireNonNull(verification, "verification of proof " + proofId);
        if (!verification.proofId().equals(proofId)) {
            throw new IllegalArgumentException("verification link of proof " + proofId + " names proof "
                    + verification.proofId());
        }
    }

    /** A service item (政务服务事项) with its unique code. */
    public record ServiceItem(String name, String code) {
        public ServiceItem {
            requireText(name, "serviceItem.name", code);
            requireText(code, "serviceItem.code", name);
        }
    }

    /**
     * The proof's subject as printed: a person (姓名 + 公民身份号码) or an organisation (名称 + 统一社会信用代码).
     * The caller decides whether {@code idNumber} is masked.
     */
    public record Subject(String nameLabel, String name, String idLabel, String idNumber) {
        public Subject {
            requireText(nameLabel, "subject.nameLabel", "");
            requireText(name, "subject.name", "");
            requireText(idLabel, "subject.idLabel", "");
            requireText(idNumber, "subject.idNumber", "");
        }

        public static Subject person(String name, String citizenIdAsPrinted) {
            return new Subject("姓名", name, "公民身份号码", citizenIdAsPrinted);
        }

        public static Subject organisation(String name, String uscc) {
            return new Subject("名称", name, "统一社会信用代码", uscc);
        }

        @Override
        public String toString() {
            // personal data stays out of logs and exception messages
            return "Subject[" + nameLabel + ", " + idLabel + "]";
        }
    }

    /** One proven fact, printed as a row {@code label | value}. */
    public record Fact(String label, String value) {
        public Fact {
            requireText(label, "fact.label", "");
            requireText(value, "fact.value", label);
        }

        @Override
        public String toString() {
            return "Fact[" + label + "]";
        }
    }

    /**
     * The annotation the hub adds to every e-proof (SPEC §3.3, {@code 001} art. 9).
     *
     * @param extractingUnit 提取单位: the unit that fetched the data
     * @param producingUnit  出具单位: the unit that owns the fact
     * @param extractionTime 提取时间
     */
    public record Annotation(String extractingUnit, String producingUnit, Instant extractionTime) {
        public Annotation {
            requireText(extractingUnit, "annotation.extractingUnit", "");
            requireText(producingUnit, "annotation.producingUnit", "");
            Objects.requireNonNull(extractionTime, "annotation.extractionTime");
        }
    }

    /**
     * The seal as printed: the holding unit's name around the rim, the purpose's label across the bottom.
     * Only the two proof purposes may seal a proof (checked by the proof), and the commitment-letter seal a letter;
     * the audit seal prints nothing.
     */
    public record SealMark(String unitName, SealPurpose purpose) {
        public SealMark {
            requireText(unitName, "seal.unitName", "");
            if (purpose == null || purpose == SealPurpose.AUDIT) {
                throw new IllegalArgumentException("a document is sealed with a proof or letter seal, not " + purpose);
            }
        }
    }

    @Override
    public String toString() {
        return "ProofDisplay[" + proofId + ", " + title + ", item " + serviceItem.code() + ", application "
                + applicationId + ", " + facts.size() + " facts, " + seal.purpose() + "]";
    }

    private static void requireText(String value, String field, String context) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty" + (context == null || context.isEmpty() ? ""
                    : " (" + context + ")"));
        }
    }
}
