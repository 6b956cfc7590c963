package dev.movieratings.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The module map of docs/architecture.md: which module may use which. Maven's dependencies already keep
 * a module from what is not on its class path; this catches what arrives transitively (a function using
 * another function's classes, anything using the local runtime or the benchmarks).
 */
class ModuleDependenciesTest {

    static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.movieratings");

    @Test
    void everyModuleUsesOnlyTheModulesTheMapAllows() {
        moduleMap().check(MAIN_CLASSES);
    }

    @Test
    void everyApplicationPackageIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("dev.movieratings..application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "java.sql..",
                        "javax.sql..",
                        "org.postgresql..",
                        "com.zaxxer..",
                        "io.micrometer..",
                        "tools.jackson..",
                        "com.fasterxml..")
                .check(MAIN_CLASSES);
    }

    static LayeredArchitecture moduleMap() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("events-schema")
                .definedBy("dev.movieratings.events..")
                .layer("rating-domain")
                .definedBy("dev.movieratings.rating..")
                .layer("database-migrations")
                .definedBy("dev.movieratings.migrations..")
                .layer("database-credentials")
                .definedBy("dev.movieratings.credentials..")
                .layer("embedded-services")
                .definedBy("dev.movieratings.embedded..")
                .layer("event-store")
                .definedBy("dev.movieratings.eventstore..")
                .layer("function-observability")
                .definedBy("dev.movieratings.observability..")
                .layer("api-gateway-http")
                .definedBy("dev.movieratings.http..")
                .layer("command-api")
                .definedBy("dev.movieratings.command..")
                .layer("projection-worker")
                .definedBy(
                        "dev.movieratings.projection",
                        "dev.movieratings.projection.application..",
                        "dev.movieratings.projection.infrastructure..",
                        "dev.movieratings.projection.sqs..")
                .layer("projection-maintenance")
                .definedBy("dev.movieratings.projection.maintenance..")
                .layer("query-api")
                .definedBy("dev.movieratings.query..")
                .layer("movie-catalog")
                .definedBy("dev.movieratings.catalog..")
                .layer("ops-cli")
                .definedBy("dev.movieratings.ops..")
                .layer("local-runtime")
                .definedBy("dev.movieratings.local..")
                .layer("benchmarks")
                .definedBy("dev.movieratings.benchmarks..")
                .whereLayer("events-schema")
                .mayNotAccessAnyLayer()
                .whereLayer("function-observability")
                .mayNotAccessAnyLayer()
                .whereLayer("database-credentials")
                .mayNotAccessAnyLayer()
                .whereLayer("rating-domain")
                .mayOnlyAccessLayers("events-schema")
                .whereLayer("event-store")
                .mayOnlyAccessLayers("events-schema", "function-observability")
                .whereLayer("embedded-services")
                .mayOnlyAccessLayers("events-schema")
                .whereLayer("database-migrations")
                .mayOnlyAccessLayers("database-credentials")
                .whereLayer("api-gateway-http")
                .mayOnlyAccessLayers("function-observability")
                .whereLayer("command-api")
                .mayOnlyAccessLayers(
                        "events-schema",
                        "rating-domain",
                        "event-store",
                        "database-credentials",
                        "function-observability",
                        "api-gateway-http")
                .whereLayer("projection-worker")
                .mayOnlyAccessLayers(
                        "events-schema",
                        "rating-domain",
                        "event-store",
                        "database-credentials",
                        "function-observability")
                .whereLayer("projection-maintenance")
                .mayOnlyAccessLayers(
                        "events-schema", "rating-domain", "event-store", "function-observability", "projection-worker")
                .whereLayer("query-api")
                .mayOnlyAccessLayers(
                        "events-schema",
                        "rating-domain",
                        "database-credentials",
                        "function-observability",
                        "api-gateway-http")
                .whereLayer("movie-catalog")
                .mayNotAccessAnyLayer()
                .whereLayer("ops-cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("local-runtime")
                .mayOnlyBeAccessedByLayers("benchmarks")
                .whereLayer("benchmarks")
                .mayNotBeAccessedByAnyLayer();
    }
}
