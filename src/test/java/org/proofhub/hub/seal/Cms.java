package org.proofhub.hub.seal;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;

/** Surgery on CMS signatures, to test what a verifier makes of damaged ones. */
final class Cms {
    private Cms() {
    }

    static byte[] withoutUnsignedAttributes(byte[] cms) {
        try {
            CMSSignedData signedData = new CMSSignedData(cms);
            SignerInformation signer = signedData.getSignerInfos().getSigners().iterator().next();
            return CMSSignedData.replaceSigners(signedData, new SignerInformationStore(
                    SignerInformation.replaceUnsignedAttributes(signer, null))).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new AssertionError("test CMS cannot be rewritten", e);
        }
    }
}
