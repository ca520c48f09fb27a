package org.proofhub.hub.seal;

/**
 * Bouncy Castle stretches PKCS#12 passwords with 300,000 PBKDF2 rounds per key and a 600,000-round MAC:
 * right for the hub's real key stores, a quarter of a second per key and per save in a test. Test keys
 * are throwaway, so tests lower the rounds through Bouncy Castle's documented system properties.
 */
public final class TestKeyStores {
    private TestKeyStores() {
    }

    public static void useCheapKeyDerivation() {
        System.setProperty("org.bouncycastle.pkcs12.pbkdf2_it_count", "1000");
        System.setProperty("org.bouncycastle.pkcs12.store_it_count", "1000");
    }
}
