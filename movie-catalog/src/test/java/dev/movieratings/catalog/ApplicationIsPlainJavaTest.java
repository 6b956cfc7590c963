package dev.movieratings.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The catalog's use cases and rules know nothing of JDBC, Spring or the AWS SDK (invariant 7). */
class ApplicationIsPlainJavaTest {

    @Test
    void theApplicationPackageImportsNoFrameworkNoJdbcAndNoAwsSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.movieratings.catalog.application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.springframework..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "dev.movieratings.catalog.infrastructure..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.movieratings.catalog"));
    }
}
