package org.proofhub.hub.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers for a short while that a password matched a stored hash. HTTP Basic is stateless: every API call
 * checks the password again, and bcrypt is deliberately slow (about 80 ms of CPU at the default strength on
 * the reference machine), which capped the whole API at a few dozen calls per second on two cores.
 * <p>
 * Only successful checks are remembered, so a wrong password always costs the full bcrypt check and
 * guessing gains nothing. An entry is keyed by the stored hash — a changed password has a new hash and
 * misses — and by an HMAC of the password under a random key that exists only in this process, so the
 * remembered entries do not reveal passwords. Disabled or locked accounts are refused before the password is
 * checked (the account is loaded on every call), so remembering does not extend an account's life.
 */
final class RememberingPasswordEncoder implements PasswordEncoder {
    private final PasswordEncoder delegate;
    private final Duration remember;
    private final int capacity;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> matched = new ConcurrentHashMap<>();

    RememberingPasswordEncoder(PasswordEncoder delegate, Duration remember, int capacity, Clock clock) {
        this.delegate = delegate;
        this.remember = remember;
        this.capacity = capacity;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String entry = encodedPassword + ' ' + mac(rawPassword);
        Instant now = clock.instant();
        Instant until = matched.get(entry);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            // bounded: a full table is dropped whole, which costs each account one slow check again
            if (matched.size() >= capacity) {
                matched.clear();
            }
            matched.put(entry, now.plus(remember));
        } else {
            matched.remove(entry);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String mac(CharSequence rawPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
