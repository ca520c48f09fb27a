package org.proofhub.hub.proof.pdf;

/** The PAdES signature cannot be added to a rendered proof PDF. */
public class ProofSealingException extends ProofPdfException {

    public ProofSealingException(String proofId, String problem, Throwable cause) {
        super("proof " + proofId + ": " + problem, cause);
    }
}
