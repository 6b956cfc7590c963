package dev.movieratings.rating;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Invariant 7: the domain (rules, validation, projection math) and the event contracts import no Spring and no AWS. */
class DomainIsPlainJavaTest {

    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.movieratings.rating", "dev.movieratings.events");

    @Test
    void theDomainAndTheEventContractsDependOnNoFrameworkAndNoCloud() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "jakarta..",
                        "javax.sql..",
                        "java.sql..")
                .check(domain);
    }

    @Test
    void theEventRecordsDoNotEvenDependOnTheirJsonCodec() {
        noClasses()
                .that()
                .resideInAPackage("dev.movieratings.events")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("tools.jackson..", "com.fasterxml..")
                .check(domain);
    }
}
