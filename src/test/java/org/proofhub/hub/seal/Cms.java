package org.proofhub.hub.seal;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
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

    /** Keeps the time-stamp token but flips the last byte of the TSA's signature value in it. */
    static byte[] withTimeStampSignatureAltered(byte[] cms) {
        try {
            CMSSignedData signedData = new CMSSignedData(cms);
            SignerInformation signer = signedData.getSignerInfos().getSigners().iterator().next();
            Attribute stamp = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            CMSSignedData token = new CMSSignedData(ContentInfo.getInstance(stamp.getAttrValues().getObjectAt(0)));
            SignerInfo info = token.getSignerInfos().getSigners().iterator().next().toASN1Structure();
            byte[] value = info.getEncryptedDigest().getOctets().clone();
            value[value.length - 1] ^= 0x01;
            SignerInfo altered = new SignerInfo(info.getSID(), info.getDigestAlgorithm(), info.getAuthenticatedAttributes(),
                    info.getDigestEncryptionAlgorithm(), new DEROctetString(value), info.getUnauthenticatedAttributes());
            SignedData sd = SignedData.getInstance(token.toASN1Structure().getContent());
            ContentInfo alteredToken = new ContentInfo(CMSObjectIdentifiers.signedData, new SignedData(sd.getDigestAlgorithms(),
                    sd.getEncapContentInfo(), sd.getCertificates(), sd.getCRLs(), new DERSet(altered)));
            return withUnsignedAttributes(cms, new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(alteredToken))));
        } catch (Exception e) {
            throw new AssertionError("test CMS cannot be rewritten", e);
        }
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
