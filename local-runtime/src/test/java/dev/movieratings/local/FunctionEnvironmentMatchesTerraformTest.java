package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.infrastructure.CommandSettings;
import dev.movieratings.ops.lambda.OpsSettings;
import dev.movieratings.projection.infrastructure.ProjectorSettings;
import dev.movieratings.query.infrastructure.QuerySettings;
import dev.movieratings.settings.FunctionSettings;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The environment Terraform gives each function (terraform/modules/functions/main.tf) against the
 * settings record that function binds: no variable that nothing reads, no required one Terraform
 * never sets.
 */
class FunctionEnvironmentMatchesTerraformTest {

    private static final Path MAIN_TF = Path.of("..", "terraform", "modules", "functions", "main.tf");

    /**
     * Read by the platform rather than a settings record, for every function (the environment block adds
     * SPRING_CLOUD_FUNCTION_DEFINITION and the function's own DATABASE_SECRET_ARN beside them).
     */
    private static final Map<String, String> PLATFORM = Map.of(
            "SPRING_DATASOURCE_URL", "Spring Boot's datasource",
            "JAVA_TOOL_OPTIONS", "the JVM",
            "LOGGING_STRUCTURED_FORMAT_CONSOLE", "Spring Boot's logging");

    private static final Map<String, Class<? extends Record>> SETTINGS = Map.of(
            "command", CommandSettings.class,
            "relay", CommandSettings.class,
            "query", QuerySettings.class,
            "projector", ProjectorSettings.class,
            "ops", OpsSettings.class);

    @Test
    void everyVariableTerraformSetsIsReadAndEveryRequiredOneIsSet() throws Exception {
        String terraform = Files.readString(MAIN_TF);
        Set<String> common = keys(block(terraform, "common_environment"));
        assertThat(common).containsExactlyInAnyOrderElementsOf(PLATFORM.keySet());
        Map<String, Set<String>> perFunction = functions(block(terraform, "function_environment"));
        assertThat(perFunction.keySet()).containsAll(SETTINGS.keySet());

        SETTINGS.forEach((function, settings) -> {
            Set<String> bound = Arrays.stream(settings.getRecordComponents())
                    .map(c -> FunctionSettings.variable(c.getName()))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> required = required(settings);
            assertThat(perFunction.get(function))
                    .as(function + ": variables Terraform sets that " + settings.getSimpleName() + " does not read")
                    .isSubsetOf(bound);
            assertThat(perFunction.get(function))
                    .as(function + ": required variables of " + settings.getSimpleName() + " Terraform does not set")
                    .containsAll(required);
        });
    }

    @Test
    void theCommandSideIsToldItsBusAndSourceTheQuerySideItsScoreSettings() throws Exception {
        Map<String, Set<String>> perFunction = functions(block(Files.readString(MAIN_TF), "function_environment"));
        assertThat(perFunction.get("command")).contains("EVENT_BUS_NAME", "RATING_EVENTS_SOURCE");
        assertThat(perFunction.get("relay")).contains("EVENT_BUS_NAME", "RATING_EVENTS_SOURCE");
        assertThat(perFunction.get("query")).contains("WEIGHTED_RATING_MIN_VOTES", "MIN_RATINGS_FOR_AVERAGE");
    }

    /** The variables without a default: a component whose constructor parameter has no @DefaultValue. */
    private static Set<String> required(Class<? extends Record> settings) {
        RecordComponent[] components = settings.getRecordComponents();
        Parameter[] parameters;
        try {
            parameters = settings.getDeclaredConstructor(Arrays.stream(components)
                            .map(RecordComponent::getType)
                            .toArray(Class<?>[]::new))
                    .getParameters();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        Set<String> required = new TreeSet<>();
        for (int i = 0; i < components.length; i++) {
            if (!parameters[i].isAnnotationPresent(DefaultValue.class)) {
                required.add(FunctionSettings.variable(components[i].getName()));
            }
        }
        return required;
    }

    @Test
    void everyDefaultIsSeenAsOne() {
        assertThat(required(QuerySettings.class)).isEmpty();
        assertThat(required(CommandSettings.class)).isEmpty();
        assertThat(required(OpsSettings.class)).isEmpty();
    }

    /** The text between {@code name = {} and its closing brace. */
    static String block(String text, String name) {
        Matcher start = Pattern.compile("(?m)^\\s*" + name + "\\s*=\\s*\\{").matcher(text);
        assertThat(start.find()).as(name + " in " + MAIN_TF).isTrue();
        int depth = 1;
        int i = start.end();
        while (depth > 0) {
            char c = text.charAt(i++);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        return text.substring(start.end(), i - 1);
    }

    private static Set<String> keys(String block) {
        Set<String> keys = new TreeSet<>();
        Matcher key = Pattern.compile("(?m)^\\s*([A-Z][A-Z0-9_]*)\\s*=").matcher(block);
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    private static Map<String, Set<String>> functions(String block) {
        Map<String, Set<String>> functions = new LinkedHashMap<>();
        Matcher function = Pattern.compile("(?m)^\\s*([a-z]+)\\s*=\\s*\\{").matcher(block);
        while (function.find()) {
            functions.put(function.group(1), keys(block(block.substring(function.start()), function.group(1))));
        }
        return functions;
    }
}
