package org.proofhub.hub.proof.pdf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.ProofDisplay.Annotation;
import org.proofhub.hub.proof.ProofDisplay.Fact;
import org.proofhub.hub.proof.ProofDisplay.SealMark;
import org.proofhub.hub.proof.ProofDisplay.ServiceItem;
import org.proofhub.hub.proof.ProofDisplay.Subject;
import org.proofhub.hub.proof.VerificationLink;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealSettings;
import org.proofhub.hub.seal.TestKeyStores;

/**
 * A seal module over a temporary directory with one data-sharing and one verification seal, a fixed clock,
 * and proofs with clearly fake data (the 示例 names, a citizen ID with the test region 999999).
 */
public final class ProofPdfFixture {
    public static final Instant NOW = Instant.parse("2026-03-02T01:30:05Z");
    public static final URI HUB = URI.create("https://hub.example.gov.cn/");
    private static final char[] PASSWORD = "test-only-password".toCharArray();

    public final SealModule seals;
    public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    public final ProofDocument documents;
    /** The same, with the document security store (PAdES-LT's validation data) in every sealed PDF. */
    public final ProofDocument documentsWithValidationData;

    public ProofPdfFixture(Path directory, SealAlgorithm algorithm) {
        TestKeyStores.useCheapKeyDerivation();
        seals = SealModule.open(SealSettings.of(directory, PASSWORD), clock);
        seals.registry().create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        seals.registry().create(SealPurpose.VERIFICATION, "SCJ", algorithm);
        seals.registry().create(SealPurpose.COMMITMENT_LETTER, "SJJ", algorithm);
        documents = ProofDocument.pdfBox(seals, clock);
        documentsWithValidationData = ProofDocument.pdfBox(seals, clock, true);
    }

    /** A residence proof (户籍证明) from shared data, sealed with the data-sharing seal. */
    public static ProofDisplay residenceProof() {
        ObjectNode content = JsonNodeFactory.instance.objectNode()
                .put("proofId", "PH-20260302-000123")
                .put("type", "户籍证明")
                .put("subject", "示例张三");
        return new ProofDisplay("PH-20260302-000123", "户籍证明",
                new ServiceItem("城乡居民基本养老保险参保登记", "000000000000-SAMPLE-0001"),
                "APP-2026-0302-0457",
                Subject.person("示例张三", "999999********123X"),
                List.of(new Fact("户籍地址", "示例省示例市中心区人民路１号（示例数据，非真实住址）"),
                        new Fact("户主姓名", "示例张三"),
                        new Fact("与户主关系", "本人"),
                        new Fact("户籍状态", "正常"),
                        new Fact("登记日期", "2015年6月18日")),
                new Annotation("示例市中心区政务服务中心", "示例市公安局中心分局", Instant.parse("2026-03-02T01:29:58Z")),
                Instant.parse("2026-03-02T01:30:00Z"), LocalDate.of(2026, 4, 1),
                new SealMark("示例市政务服务和大数据管理局", SealPurpose.DATA_SHARING),
                VerificationLink.of(HUB, "PH-20260302-000123", content));
    }

    /** A company status proof (企业登记状态证明) confirmed by a department, sealed with the verification seal. */
    public static ProofDisplay companyStatusProof() {
        ObjectNode content = JsonNodeFactory.instance.objectNode()
                .put("proofId", "PH-20260302-000124")
                .put("type", "企业登记状态证明");
        return new ProofDisplay("PH-20260302-000124", "企业登记状态证明",
                new ServiceItem("建筑业企业资质申请", "000000000000-SAMPLE-0002"), "APP-2026-0302-0458",
                Subject.organisation("示例科技有限公司", "91999999MA0000000X"),
                List.of(new Fact("登记状态", "存续（在营、开业、在册）"),
                        new Fact("成立日期", "2018年9月3日"),
                        new Fact("法定代表人", "示例李四")),
                new Annotation("示例市住房和城乡建设局", "示例市市场监督管理局", Instant.parse("2026-03-02T01:10:00Z")),
                Instant.parse("2026-03-02T01:30:00Z"), LocalDate.of(2026, 4, 1),
                new SealMark("示例市市场监督管理局", SealPurpose.VERIFICATION),
                VerificationLink.of(HUB, "PH-20260302-000124", content));
    }
}
