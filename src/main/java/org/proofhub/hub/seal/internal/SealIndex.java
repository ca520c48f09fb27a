package org.proofhub.hub.seal.internal;

import java.util.List;

import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealStatus;

/**
 * The seal registry's file ({@code seals.json}). Certificates are not repeated here: the signing token
 * holds them with the keys, so the two cannot disagree.
 */
record SealIndex(int version, List<Entry> seals) {

    static final int CURRENT_VERSION = 1;

    SealIndex {
        seals = List.copyOf(seals);
    }

    record Entry(String id, SealPurpose purpose, SealAlgorithm algorithm, String unitCode, String keyAlias,
                 SealStatus status) {
    }
}
