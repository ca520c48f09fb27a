package org.proofhub.hub.seal.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What was read from the same immutable objects before: the hub hands every verification the same CRL and certificate
 * objects, and Bouncy Castle parses a CRL's or certificate's dates and looks up its entries anew on every call (a few per
 * cent of a repeated verification). Keyed by the objects' identity — objects parsed anew from presented bytes are new
 * keys — and bounded: emptied when full, since presented certificates come from outside.
 */
final class ByIdentity {
    private static final int CAPACITY = 512;
    private static final Map<Key, Optional<?>> KNOWN = new ConcurrentHashMap<>();

    private record Key(String what, Object first, Object second) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.what.equals(what) && k.first == first && k.second == second;
        }

        @Override
        public int hashCode() {
            return (what.hashCode() * 31 + System.identityHashCode(first)) * 31 + System.identityHashCode(second);
        }
    }

    private ByIdentity() {
    }

    /** {@code what} of {@code first} and {@code second} (may be null): remembered, or computed and remembered. */
    @SuppressWarnings("unchecked")
    static <T> Optional<T> of(String what, Object first, Object second, Supplier<Optional<T>> compute) {
        Key key = new Key(what, first, second);
        Optional<?> known = KNOWN.get(key);
        if (known == null) {
            known = compute.get();
            if (KNOWN.size() >= CAPACITY) {
                KNOWN.clear();
            }
            KNOWN.put(key, known);
        }
        return (Optional<T>) known;
    }
}
