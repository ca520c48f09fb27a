package org.proofhub.hub.verification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Department verification settings ({@code hub.verification.*}). The time limits default to the rules of
 * {@code 001} art. 10; change them only to run a demo faster ({@link #speedUp}).
 *
 * @param instantItemLimit    answer due after receipt for an instant item (即办件)
 * @param commitmentItemLimit answer due after receipt for a commitment item (承诺件), unless its promised limit is shorter
 * @param dataBackedLimit     answer due for a proof with a database behind it that is not yet shared
 * @param returnWindow        how long after receipt the issuing unit may return a request (退回)
 * @param supervisorWindow    how long the supervisor has after an escalation before it is a breach
 * @param openWithin          how long the assigned agent has to open a request before the AB backup takes it
 * @param instantDelayLimit   how far past receipt a delay may move an instant item's deadline (000 6.2.2.4.2)
 * @param speedUp             divides every duration above and every promised limit: 60 turns 30 minutes into 30 seconds (demo only)
 * @param schedulerEnabled    run the deadline scheduler in this instance (tests may drive {@code fireDue()} themselves)
 * @param schedulerInterval   the longest the scheduler sleeps between looks at the deadline table
 * @param schedulerBatchSize  deadlines claimed and fired per database transaction
 * @param schedulerThreads    threads firing deadlines in this instance; they claim disjoint batches
 * @param instanceId          names this hub instance in claimed deadlines; empty = {@code hub.instance-id}
 * @param sendOnAccept        hand an accepted request to Artemis before the call returns instead of waiting for the outbox relay
 * @param handOverSessions    broker sessions for those hand-overs: one per concurrent acceptance
 * @param idScanMaxSize       largest accepted ID scan
 * @param idScanTypes         accepted ID scan content types
 * @param idScanRetention     how long an ID scan is kept after its request was answered; then the image is deleted (its type,
 *                            size and SHA-256 stay)
 * @param rosterFile          a roster file (YAML) applied at start-up, e.g. {@code file:/etc/proof-hub/rosters.yaml}; empty = none
 * @param proofData           proof type to the canonical record that backs it, for linking proofs to data that arrives later
 */
@Validated
@ConfigurationProperties("hub.verification")
public record VerificationProperties(
        @DefaultValue("30m") Duration instantItemLimit,
        @DefaultValue("24h") Duration commitmentItemLimit,
        @DefaultValue("30m") Duration dataBackedLimit,
        @DefaultValue("30m") Duration returnWindow,
        @DefaultValue("30m") Duration supervisorWindow,
        @DefaultValue("10m") Duration openWithin,
        @DefaultValue("24h") Duration instantDelayLimit,
        @DefaultValue("1") @Min(1) int speedUp,
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("200ms") Duration schedulerInterval,
        @DefaultValue("500") @Min(1) int schedulerBatchSize,
        @DefaultValue("2") @Min(1) int schedulerThreads,
        @DefaultValue("") String instanceId,
        @DefaultValue("true") boolean sendOnAccept,
        @DefaultValue("16") @Min(1) int handOverSessions,
        @DefaultValue("2MB") DataSize idScanMaxSize,
        @DefaultValue({"image/jpeg", "image/png", "application/pdf"}) @NotEmpty List<String> idScanTypes,
        @DefaultValue("30d") Duration idScanRetention,
        @DefaultValue("") String rosterFile,
        @Valid Map<String, ProofData> proofData) {

    public VerificationProperties {
        requirePositive(instantItemLimit, "instant-item-limit");
        requirePositive(commitmentItemLimit, "commitment-item-limit");
        requirePositive(dataBackedLimit, "data-backed-limit");
        requirePositive(returnWindow, "return-window");
        requirePositive(supervisorWindow, "supervisor-window");
        requirePositive(openWithin, "open-within");
        requirePositive(instantDelayLimit, "instant-delay-limit");
        requirePositive(schedulerInterval, "scheduler-interval");
        requirePositive(idScanRetention, "id-scan-retention");
        proofData = proofData == null ? Map.of() : Map.copyOf(proofData);
        idScanTypes = List.copyOf(idScanTypes);
    }

    /**
     * The canonical record that backs a proof type: a confirmed proof of this type is linked to it when
     * it arrives (verification first, data later).
     *
     * @param kind         canonical kind, e.g. {@code Person}
     * @param subjectField the field holding the subject's citizen ID or USCC, e.g. {@code citizenId}
     */
    public record ProofData(@NotBlank String kind, @NotBlank String subjectField) {
    }

    /** {@code d} as the hub applies it: divided by {@link #speedUp}. */
    public Duration scaled(Duration d) {
        return speedUp == 1 ? d : d.dividedBy(speedUp);
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("hub.verification." + key + " must be a positive duration, is " + d);
        }
    }
}
