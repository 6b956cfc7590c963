package dev.movieratings.observability;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What every function reports stays plain Java: no HTTP adapter (the SQS projector uses it too), no
 * Spring, no AWS SDK or Lambda events, no JDBC.
 */
class ObservabilityDependsOnNoAdapterTest {

    private final JavaClasses observability = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.movieratings.observability");

    @Test
    void theObservabilityModuleDependsOnNoHttpAdapterFrameworkCloudOrJdbc() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.movieratings.http..",
                        "org.springframework..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "jakarta..",
                        "javax.sql..",
                        "java.sql..")
                .check(observability);
    }
}
