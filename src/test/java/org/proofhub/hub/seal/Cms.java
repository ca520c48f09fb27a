package org.proofhub.hub.seal;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;

/** Surgery on CMS signatures, to test what a verifier makes of damaged ones. */
final class Cms {
    private Cms() {
    }

    static byte[] withoutUnsignedAttributes(byte[] cms) {
        return withUnsignedAttributes(cms, null);
    }

    /** Replaces the time-stamp token by something that is not one. */
    static byte[] withGarbageTimeStamp(byte[] cms) {
        return withUnsignedAttributes(cms, new AttributeTable(new Attribute(
                PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(new DEROctetString(new byte[] {1, 2, 3})))));
    }

    private static byte[] withUnsignedAttributes(byte[] cms, AttributeTable unsigned) {
        try {
            CMSSignedData signedData = new CMSSignedData(cms);
            SignerInformation signer = signedData.getSignerInfos().getSigners().iterator().next();
            return CMSSignedData.replaceSigners(signedData, new SignerInformationStore(
                    SignerInformation.replaceUnsignedAttributes(signer, unsigned))).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new AssertionError("test CMS cannot be rewritten", e);
        }
    }
}
