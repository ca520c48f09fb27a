package org.proofhub.hub.proof.pdf;

/** A proof's display data cannot be laid out: a character outside the shipped font, or too much for a page. */
public class ProofRenderingException extends ProofPdfException {

    public ProofRenderingException(String proofId, String problem, Throwable cause) {
        super("proof " + proofId + ": " + problem, cause);
    }
}
