package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * On AWS the projector hears of an event only if the EventBridge rule forwards its detail-type: every event
 * type with a JSON Schema must be in the rule's list (terraform/modules/events), or on AWS its events would be
 * stored but never projected, while everything here (which reads the outbox, not the rule) still passes.
 */
class EventTypesMatchTerraformTest {

    private static final Path SCHEMAS = Path.of("..", "events-schema", "src", "main", "resources", "schemas");
    private static final Path EVENTS_VARIABLES = Path.of("..", "terraform", "modules", "events", "variables.tf");

    @Test
    void theRuleForwardsEveryEventTypeThatHasASchema() throws IOException {
        Set<String> withSchema;
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            withSchema = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json"))
                    .map(name -> name.substring(0, name.indexOf(".v")))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Matcher rule = Pattern.compile(
                        "variable \"rating_event_detail_types\" \\{.*?default\\s*=\\s*\\[([^]]*)]", Pattern.DOTALL)
                .matcher(Files.readString(EVENTS_VARIABLES));
        assertThat(rule.find())
                .as("rating_event_detail_types has a default list")
                .isTrue();
        Set<String> forwarded = Pattern.compile("\"([^\"]+)\"")
                .matcher(rule.group(1))
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(withSchema).contains("RatingSubmitted", "RatingErased");
        assertThat(forwarded).isEqualTo(withSchema);
    }
}
