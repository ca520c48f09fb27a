package org.proofhub.hub.seal.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.proofhub.hub.seal.CertificateAuthority;
import org.proofhub.hub.seal.RevocationReason;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealNotFoundException;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.seal.SealStateException;
import org.proofhub.hub.seal.SealStatus;
import org.proofhub.hub.seal.SealStorageException;
import org.proofhub.hub.seal.SigningToken;

/**
 * A {@link SealRegistry} whose keys and certificates live in a {@link SigningToken} and whose list of
 * seals lives in a small JSON file next to it, rewritten atomically on every change.
 */
public final class JsonFileSealRegistry implements SealRegistry {

    static final String INDEX_FILE = "seals.json";
    // the unit code becomes part of seal ids and key aliases
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Z0-9]{1,32}");

    private final Path indexFile;
    private final SigningToken token;
    private final CertificateAuthority authority;
    private final Map<String, Seal> seals = new LinkedHashMap<>();

    private JsonFileSealRegistry(Path indexFile, SigningToken token, CertificateAuthority authority) {
        this.indexFile = indexFile;
        this.token = token;
        this.authority = authority;
    }

    public static JsonFileSealRegistry open(Path directory, SigningToken token, CertificateAuthority authority) {
        JsonFileSealRegistry registry = new JsonFileSealRegistry(directory.resolve(INDEX_FILE), token, authority);
        registry.load();
        return registry;
    }

    private void load() {
        SealIndex index = JsonFiles.read(indexFile, SealIndex.class)
                .orElse(new SealIndex(SealIndex.CURRENT_VERSION, List.of()));
        if (index.version() != SealIndex.CURRENT_VERSION) {
            throw new SealStorageException(indexFile, "has version " + index.version() + ", this hub reads version "
                    + SealIndex.CURRENT_VERSION, null);
        }
        List<String> aliases = token.aliases();
        for (SealIndex.Entry entry : index.seals()) {
            if (!aliases.contains(entry.keyAlias())) {
                throw new SealStorageException(indexFile, "seal " + entry.id() + " names key " + entry.keyAlias()
                        + ", which the signing token does not hold", null);
            }
            seals.put(entry.id(), toSeal(entry.id(), entry.purpose(), entry.algorithm(), entry.unitCode(),
                    entry.keyAlias(), token.certificateChain(entry.keyAlias()), entry.status()));
        }
    }

    @Override
    public synchronized Seal create(SealPurpose purpose, String unitCode, SealAlgorithm algorithm) {
        Seal seal = firstSeal(purpose, unitCode, algorithm);
        seals.put(seal.id(), seal);
        save();
        return seal;
    }

    /** A new seal that is not in the index yet: its key is in the token (or in the token's pending write). */
    private Seal firstSeal(SealPurpose purpose, String unitCode, SealAlgorithm algorithm) {
        if (unitCode == null || !UNIT_CODE.matcher(unitCode).matches()) {
            throw new IllegalArgumentException("unit code " + unitCode + " is not 1-32 characters of A-Z and 0-9");
        }
        Optional<Seal> active = activeSeal(purpose, unitCode);
        if (active.isPresent()) {
            throw new SealStateException(active.get().id(), purpose,
                    "unit " + unitCode + " already has this active seal of the purpose; rotate it instead");
        }
        return newSeal(purpose, unitCode, algorithm);
    }

    @Override
    public synchronized List<Seal> createMissing(List<SealPurpose> purposes, String unitCode, SealAlgorithm algorithm) {
        List<SealPurpose> missing = purposes.stream().distinct().filter(p -> activeSeal(p, unitCode).isEmpty()).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        // the keys first, in one write of the token; the index names them only once they are in it
        List<Seal> created = token.inOneWrite(() -> missing.stream().map(p -> firstSeal(p, unitCode, algorithm)).toList());
        created.forEach(seal -> seals.put(seal.id(), seal));
        save();
        return created;
    }

    @Override
    public synchronized Seal rotate(String sealId) {
        return rotate(sealId, seal(sealId).algorithm());
    }

    @Override
    public synchronized Seal rotate(String sealId, SealAlgorithm algorithm) {
        Seal old = seal(sealId);
        if (old.status() != SealStatus.ACTIVE) {
            throw new SealStateException(sealId, old.purpose(), "is " + old.status() + "; only an active seal is rotated");
        }
        Seal successor = newSeal(old.purpose(), old.unitCode(), algorithm);
        seals.put(old.id(), old.withStatus(SealStatus.RETIRED));
        seals.put(successor.id(), successor);
        save();
        return successor;
    }

    @Override
    public synchronized Seal revoke(String sealId, RevocationReason reason) {
        Seal seal = seal(sealId);
        if (seal.status() == SealStatus.REVOKED) {
            return seal;
        }
        authority.revoke(seal.certificate().getSerialNumber(), reason);
        Seal revoked = seal.withStatus(SealStatus.REVOKED);
        seals.put(sealId, revoked);
        save();
        return revoked;
    }

    @Override
    public synchronized List<Seal> seals() {
        return List.copyOf(seals.values());
    }

    @Override
    public synchronized Seal seal(String sealId) {
        Seal seal = seals.get(sealId);
        if (seal == null) {
            throw new SealNotFoundException(sealId);
        }
        return seal;
    }

    @Override
    public synchronized Seal activeSeal(SealPurpose purpose) {
        List<Seal> active = seals.values().stream()
                .filter(s -> s.purpose() == purpose && s.status() == SealStatus.ACTIVE).toList();
        if (active.isEmpty()) {
            throw new SealStateException(null, purpose, "no active seal; create one first");
        }
        if (active.size() > 1) {
            throw new SealStateException(null, purpose, "several active seals ("
                    + active.stream().map(Seal::id).toList() + "), one per unit: name the seal to use");
        }
        return active.get(0);
    }

    @Override
    public synchronized Optional<Seal> activeSeal(SealPurpose purpose, String unitCode) {
        return seals.values().stream()
                .filter(s -> s.purpose() == purpose && s.unitCode().equals(unitCode) && s.status() == SealStatus.ACTIVE)
                .findFirst();
    }

    @Override
    public synchronized List<Seal> expiringWithin(Duration window, Instant now) {
        Instant horizon = now.plus(window);
        return seals.values().stream()
                .filter(s -> s.status() == SealStatus.ACTIVE && !s.notAfter().isAfter(horizon))
                .toList();
    }

    private Seal newSeal(SealPurpose purpose, String unitCode, SealAlgorithm algorithm) {
        String prefix = purpose.name() + "-" + unitCode + "-";
        int generation = seals.keySet().stream().filter(id -> id.startsWith(prefix))
                .mapToInt(id -> Integer.parseInt(id.substring(prefix.length()))).max().orElse(0) + 1;
        // a crash between storing a key and writing the index leaves an orphan key: step over it
        List<String> aliases = token.aliases();
        while (aliases.contains(aliasOf(prefix + generation))) {
            generation++;
        }
        String id = prefix + generation;
        String alias = aliasOf(id);
        List<X509Certificate> chain = token.generateKey(alias, algorithm,
                publicKey -> authority.issueSealCertificate(id, purpose, unitCode, algorithm, publicKey));
        return toSeal(id, purpose, algorithm, unitCode, alias, chain, SealStatus.ACTIVE);
    }

    private static String aliasOf(String sealId) {
        return sealId.toLowerCase(Locale.ROOT);
    }

    private Seal toSeal(String id, SealPurpose purpose, SealAlgorithm algorithm, String unitCode, String alias,
                        List<X509Certificate> chain, SealStatus status) {
        X509Certificate certificate = chain.get(0);
        return new Seal(id, purpose, algorithm, unitCode, alias, chain, certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), status);
    }

    private void save() {
        JsonFiles.write(indexFile, new SealIndex(SealIndex.CURRENT_VERSION, seals.values().stream()
                .map(s -> new SealIndex.Entry(s.id(), s.purpose(), s.algorithm(), s.unitCode(), s.keyAlias(), s.status()))
                .toList()));
    }
}
