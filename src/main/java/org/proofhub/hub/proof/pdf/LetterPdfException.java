package org.proofhub.hub.proof.pdf;

/** A letter cannot be laid out or sealed; the message names the letter and the place, never personal data. */
public class LetterPdfException extends ProofPdfException {

    public LetterPdfException(String letterNumber, String problem, Throwable cause) {
        super("letter " + letterNumber + ": " + problem, cause);
    }
}
