package org.proofhub.hub.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.SourceChange;
import org.proofhub.hub.ingest.check.LicenceIds;

/** The repository's real mapping files applied to rows shaped like the departments' rows. */
class MappingEngineTest {
    static final IngestConfig CONFIG = new IngestConfigLoader(ConfigFilesTest.env()).load(ConfigFilesTest.ROOT);
    final MappingEngine engine = new MappingEngine(CONFIG);

    static Map<String, Object> person() {
        Map<String, Object> row = new HashMap<>();
        row.put("RKBH", "RK350100000001");
        row.put("GMSFHM", "11010519491231002x");
        row.put("XM", "  张　三丰 ");
        row.put("XBDM", "2");
        row.put("MZDM", "01");
        row.put("CSRQ", "19491231");
        row.put("HH", "350102001234");
        row.put("YHZGXDM", "02");
        row.put("HJDZ_XZQHDM", "350102");
        row.put("HJDZ", "福建省福州市鼓楼区五四路  100号");
        row.put("DJJG", "鼓楼派出所");
        row.put("RYZTDM", "0");
        return row;
    }

    static SourceChange change(String connector, String table, Map<String, Object> row) {
        return new SourceChange(connector, table, "k1", 100, SourceChange.Operation.UPSERT, Instant.parse("2026-01-01T00:00:00Z"), row);
    }

    MappingOutcome one(SourceChange c) {
        List<MappingOutcome> out = engine.apply(c);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void populationRowBecomesACanonicalPerson() {
        MappingOutcome.Normalised n = (MappingOutcome.Normalised) one(change("population", "public.RK_JBXX", person()));
        assertThat(n.kind()).isEqualTo("Person");
        assertThat(n.recordKey()).isEqualTo("11010519491231002X");
        assertThat(n.fields()).containsEntry("name", "张 三丰")
                .containsEntry("sex", "FEMALE")
                .containsEntry("birthDate", "1949-12-31")
                .containsEntry("householdRelation", "HEAD")
                .containsEntry("householdAddress", "福建省福州市鼓楼区五四路 100号")
                .containsEntry("status", "NORMAL");
    }

    @Test
    void badRowsAreRejectedWithEveryReasonAndNoPersonalValues() {
        Map<String, Object> row = person();
        row.put("GMSFHM", "110105194912310021");
        row.put("XBDM", "M");
        row.put("CSRQ", "19491340");
        row.put("XM", null);
        MappingOutcome.Rejected r = (MappingOutcome.Rejected) one(change("population", "public.RK_JBXX", row));
        assertThat(r.reason()).startsWith("4 problems: ")
                .contains("citizenId (from GMSFHM): citizen ID check character does not match")
                .contains("name (from XM): is missing but required")
                .contains("sex (from XBDM): unknown code 'M' (code table gb2261-sex)")
                .contains("birthDate (from CSRQ): is not a valid date in the format yyyyMMdd")
                .doesNotContain("110105194912310021").doesNotContain("19491340");
    }

    @Test
    void debeziumTypedValuesAndInlineCodesWork() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 7L);
        row.put("uscc", "91350100m000100y43");
        row.put("enterprise_name", "福州示例科技有限公司");
        row.put("enterprise_type", "llc");
        row.put("legal_rep_name", "李四");
        row.put("registered_capital", new BigDecimal("100.50"));
        row.put("established_on", LocalDate.of(2015, 3, 9));
        row.put("reg_status", "20");
        MappingOutcome.Normalised n = (MappingOutcome.Normalised) one(change("legal-person", "public.enterprise", row));
        assertThat(n.recordKey()).isEqualTo("91350100M000100Y43");
        assertThat(n.fields()).containsEntry("entityType", "LIMITED_LIABILITY").containsEntry("registeredCapital", "100.50")
                .containsEntry("establishedDate", "2015-03-09").containsEntry("status", "REVOKED");
    }

    @Test
    void softDeleteFlagTurnsAnUpdateIntoADelete() {
        Map<String, Object> row = new HashMap<>();
        row.put("jlid", 42L);
        row.put("ztlx", "1");
        row.put("ztbm", "11010519491231002X");
        row.put("ztmc", "张三");
        row.put("sxlb", "SX01");
        row.put("yzcd", "3");
        row.put("rdrq", java.sql.Date.valueOf("2024-05-01"));
        row.put("xfzt", null);
        row.put("scbz", "0");
        MappingOutcome.Normalised live = (MappingOutcome.Normalised) one(change("credit", "public.xy_sxjl", row));
        assertThat(live.operation()).isEqualTo(SourceChange.Operation.UPSERT);
        assertThat(live.fields()).containsEntry("repaired", false).containsEntry("severity", "SERIOUS").containsEntry("recordId", "42");
        row.put("scbz", "1");
        MappingOutcome.Normalised gone = (MappingOutcome.Normalised) one(change("credit", "public.xy_sxjl", row));
        assertThat(gone.operation()).isEqualTo(SourceChange.Operation.DELETE);
        assertThat(gone.recordKey()).isEqualTo("42");
    }

    @Test
    void aLicenceRowFeedsTheLicenceAndCrossChecksTheEntityThroughItsJsonSurface() {
        Map<String, Object> row = new HashMap<>();
        row.put("doc_id", "0f7c7f3e-0000-0000-0000-000000000001");
        row.put("license_code", LicenceIds.withCheck("YYZZ", "11350100MB0000001W", 2024, 1));
        row.put("license_type", "YYZZ");
        row.put("license_name", "营业执照");
        row.put("holder_type", "O");
        row.put("holder_id", "91350100M000100Y43");
        row.put("holder_name", "福州示例科技有限公司");
        row.put("issue_date", "2024-01-05");
        row.put("valid_to", null);
        row.put("status", "01");
        row.put("surface", Map.of("enterpriseName", "福州示例科技有限公司", "legalRepresentative", "李四"));
        List<MappingOutcome> out = engine.apply(change("e-licence", "license_document", row));
        assertThat(out).hasSize(2);
        MappingOutcome.Rejected licence = (MappingOutcome.Rejected) out.get(0);
        // the issuer code in this test's licence ID is made up: the check character catches it
        assertThat(licence.reason()).contains("licenceId (from license_code): licence ID issuer code");
        MappingOutcome.Normalised entity = (MappingOutcome.Normalised) out.get(1);
        assertThat(entity.kind()).isEqualTo("LegalEntity");
        assertThat(entity.fields()).containsEntry("name", "福州示例科技有限公司").containsEntry("legalRepresentative", "李四");

        row.put("license_type", "JSZ");
        assertThat(engine.apply(change("e-licence", "license_document", row)).get(1)).isInstanceOf(MappingOutcome.NotApplicable.class);
    }

    @Test
    void aDeleteNeedsOnlyTheSourceKey() {
        SourceChange delete = new SourceChange("population", "public.RK_JBXX", "RK1", 5, SourceChange.Operation.DELETE,
                Instant.now(), Map.of("RKBH", "RK1"));
        MappingOutcome.Normalised n = (MappingOutcome.Normalised) one(delete);
        assertThat(n.operation()).isEqualTo(SourceChange.Operation.DELETE);
        assertThat(n.recordKey()).isNull();
    }

    @Test
    void halfWidthFoldsFullWidthDigitsAndLetters() {
        assertThat(MappingEngine.transform("１１０１０５１９４９１２３１００２ｘ", List.of("half-width", "upper"))).isEqualTo("11010519491231002X");
    }
}
