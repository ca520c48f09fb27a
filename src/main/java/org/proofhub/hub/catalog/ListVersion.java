package org.proofhub.hub.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One version of the certificate-free list and what is known about its publication.
 *
 * @param status             DRAFT, PUBLISHED (the one that governs), SUPERSEDED or DISCARDED
 * @param basedOn            the version a draft was copied from
 * @param cause              why the list changed (调整事由)
 * @param causeDate          when the cause arose; the change is due within {@code hub.catalog.change-due-working-days}
 * @param publishedOn        the day (China time) it was published
 * @param workingDaysToPublish working days from the cause to the publication
 * @param late               published later than the due working days after its cause (001 art. 5)
 * @param changes            item codes added, changed and removed against the version it replaced
 * @param list               the items; {@code list.version()} and {@code list.publishedOn()} repeat this version's
 */
public record ListVersion(String version, Status status, String basedOn, String createdBy, Instant createdAt, String cause,
                          LocalDate causeDate, Instant publishedAt, String publishedBy, LocalDate publishedOn,
                          Integer workingDaysToPublish, Boolean late, Changes changes, CertificateFreeList list) {

    public enum Status { DRAFT, PUBLISHED, SUPERSEDED, DISCARDED }

    /** What a version changed against the one before it. */
    public record Changes(List<String> added, List<String> changed, List<String> removed) {
        @JsonIgnore
        public boolean isEmpty() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }

    /** The same version without its items, for listings. */
    public ListVersion summary() {
        return new ListVersion(version, status, basedOn, createdBy, createdAt, cause, causeDate, publishedAt, publishedBy, publishedOn,
                workingDaysToPublish, late, changes, null);
    }
}
