package org.proofhub.hub.proof;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * E-proof settings ({@code hub.proof.*}).
 *
 * @param typesDirectory where {@code *.proof-type.yaml} live; empty means {@code <hub.ingest.config-directory>/proofs}
 * @param publicUrl      the hub's public address for verification links and QR codes
 * @param pdfValidationData whether sealed PDFs (proofs and letters) carry a document security store with the seal's and the
 *                       TSA's certificates and the root's current CRL (PAdES-LT's DSS, in the signed revision); off by
 *                       default: it cost about a tenth of the PDF rate in the proof benchmark (docs/proof-pdf.md)
 * @param archiveWriters threads that commit issued proofs to the archive, and as many that record verifications: each takes
 *                       the proofs (or verifications) of the same moment together, in one statement and commit
 * @param archiveGroup   at most this many proofs (or verifications) in one such statement
 */
@Validated
@ConfigurationProperties("hub.proof")
public record ProofProperties(
        @DefaultValue("") String typesDirectory,
        @DefaultValue("http://localhost:8080/") String publicUrl,
        @DefaultValue("false") boolean pdfValidationData,
        @DefaultValue("2") @Min(1) int archiveWriters,
        @DefaultValue("64") @Min(1) int archiveGroup) {
}
