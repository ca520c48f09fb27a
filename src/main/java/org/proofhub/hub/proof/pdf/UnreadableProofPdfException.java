package org.proofhub.hub.proof.pdf;

/** A file handed in as a sealed proof PDF is not one: no PDF, no single signature, or not all of it signed. */
public class UnreadableProofPdfException extends ProofPdfException {

    public UnreadableProofPdfException(int fileLength, String problem, Throwable cause) {
        super("PDF of " + fileLength + " bytes: " + problem, cause);
    }
}
