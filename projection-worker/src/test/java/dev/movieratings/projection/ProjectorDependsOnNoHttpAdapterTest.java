package dev.movieratings.projection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The SQS projector takes its metrics and correlation from function-observability, not the HTTP adapter. */
class ProjectorDependsOnNoHttpAdapterTest {

    @Test
    void noProjectorClassUsesTheApiGatewayHttpAdapter() {
        JavaClasses projector = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.movieratings.projection");
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.movieratings.http..")
                .check(projector);
    }

    @Test
    void theHttpAdapterModuleIsNotEvenOnTheProjectorsClasspath() {
        assertThat(getClass().getClassLoader().getResource("dev/movieratings/http/ApiGatewayFunction.class"))
                .as("api-gateway-http is a dependency of projection-worker")
                .isNull();
        assertThat(getClass().getClassLoader().getResource("dev/movieratings/observability/MeterCatalogue.class"))
                .isNotNull();
    }
}
