package org.proofhub.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layout rules of STYLE.md, checked: capabilities meet through their API, errors carry context. */
class ArchitectureTest {
    static final JavaClasses HUB = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.proofhub.hub");

    @Test
    void internalsStayInsideTheirCapability() {
        for (String capability : new String[]{"ingest", "seal", "proof", "catalog", "commitment", "verification"}) {
            noClasses().that().resideOutsideOfPackage("org.proofhub.hub." + capability + "..")
                    .should().dependOnClassesThat().resideInAPackage("org.proofhub.hub." + capability + ".internal..")
                    .allowEmptyShould(true)
                    .because("other capabilities use " + capability + "'s API at its package root")
                    .check(HUB);
        }
    }

    @Test
    void noBareRuntimeExceptions() {
        noClasses().should().callConstructor(RuntimeException.class)
                .because("errors carry context: throw a HubException or a named exception")
                .check(HUB);
    }

    @Test
    void nothingPrintsToTheConsoleButTheCommandLineTools() {
        noClasses().that().doNotHaveSimpleName("HubCommands").and().doNotHaveSimpleName("Validate").and().doNotHaveSimpleName("Verify").and().doNotHaveSimpleName("AuditVerify")
                .should().accessField(System.class, "out")
                .because("log lines go through the masking logger, never straight to stdout")
                .check(HUB);
    }

    @Test
    void theCanonicalStoreDoesNotKnowItsWriters() {
        noClasses().that().resideInAPackage("org.proofhub.hub.canonical..")
                .should().dependOnClassesThat().resideInAPackage("org.proofhub.hub.ingest..")
                .check(HUB);
    }

    @Test
    void controllersAreNotPublicApi() {
        classes().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().notBePublic()
                .because("REST controllers are entry points, not types other code calls")
                .check(HUB);
    }
}
