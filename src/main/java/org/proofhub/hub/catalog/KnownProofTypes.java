package org.proofhub.hub.catalog;

import java.util.Set;

/**
 * The proof types the hub knows ({@code proofs/*.proof-type.yaml}): a list entry must name one. A seam, so
 * that the list does not depend on the proof capability that depends on it.
 */
@FunctionalInterface
public interface KnownProofTypes {
    Set<String> ids();
}
