package org.proofhub.hub.proof.pdf;

/** Base of the proof PDF's errors; messages name the proof and the field, never personal data. */
public abstract class ProofPdfException extends RuntimeException {

    protected ProofPdfException(String message, Throwable cause) {
        super(message, cause);
    }
}
