package org.proofhub.hub.seal.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.CollectionStore;
import org.bouncycastle.util.Store;

/**
 * Certificates as Bouncy Castle holders whose ASN.1 trees are DER objects throughout. A certificate parsed from its
 * encoding is a tree of "DL" objects, which Bouncy Castle converts to DER node by node, and measures again, every time a
 * signature that carries it is DER-encoded (and again to sort a SET OF certificates): the hub's seals put two or three
 * certificates into every signature and time-stamp, and that conversion was most of the ASN.1 encoding of an issued
 * proof. A tree built of DER objects once is written as it is. The holder is used only if it encodes to exactly the
 * certificate's own bytes; otherwise the parsed one is.
 */
final class DerCertificates {
    private DerCertificates() {
    }

    static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            byte[] encoded = certificate.getEncoded();
            X509CertificateHolder parsed = new X509CertificateHolder(encoded);
            X509CertificateHolder der;
            try {
                der = new X509CertificateHolder(Certificate.getInstance(der(parsed.toASN1Structure().toASN1Primitive())));
            } catch (RuntimeException unexpected) {
                return parsed;
            }
            return Arrays.equals(der.toASN1Structure().getEncoded(ASN1Encoding.DER), encoded) ? der : parsed;
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        } catch (IOException e) {
            throw new UncheckedIOException("certificate cannot be parsed", e);
        }
    }

    /** The certificates as a store of such holders, in their order (for a CMS signature's certificate set). */
    static Store<X509CertificateHolder> store(List<X509Certificate> certificates) {
        List<X509CertificateHolder> holders = new ArrayList<>();
        certificates.forEach(c -> holders.add(holder(c)));
        return new CollectionStore<>(holders);
    }

    private static ASN1Primitive der(ASN1Primitive p) {
        if (p instanceof ASN1Sequence sequence) {
            return new DERSequence(children(sequence.toArray()));
        }
        if (p instanceof ASN1Set set) {
            return new DERSet(children(set.toArray()));
        }
        if (p instanceof ASN1TaggedObject tagged) {
            // explicit: the tagged object; implicit (as parsed): its contents, re-tagged without their own tag
            return new DERTaggedObject(tagged.isExplicit(), tagged.getTagClass(), tagged.getTagNo(), der(tagged.getBaseObject().toASN1Primitive()));
        }
        return p;
    }

    private static ASN1EncodableVector children(ASN1Encodable[] elements) {
        ASN1EncodableVector v = new ASN1EncodableVector(elements.length);
        for (ASN1Encodable e : elements) {
            v.add(der(e.toASN1Primitive()));
        }
        return v;
    }
}
