package org.proofhub.hub.seal;

/** The certificate authority could not issue a certificate or CRL, or revoke a certificate. */
public final class CertificateAuthorityException extends SealException {
    private final String subject;

    /** @param subject what the operation concerned: a subject name, a serial number or a root */
    public CertificateAuthorityException(String subject, String problem, Throwable cause) {
        super("certificate authority, " + subject + ": " + problem, cause);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
