package dev.movieratings.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.settings.FunctionSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CommandSettingsTest {

    private static CommandSettings bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test", variables));
        return FunctionSettings.bind(environment, CommandSettings.class);
    }

    @Test
    void withoutVariablesTheCommandPublishesToEventBridgeUnderTheDefaultSource() {
        CommandSettings settings = bind(Map.of());
        assertThat(settings.eventBusKind()).isEqualTo("eventbridge");
        assertThat(settings.ratingEventsSource()).isEqualTo("movie-ratings.command-api");
        assertThat(settings.writeLimitPerMinute()).isEqualTo(60);
        assertThat(settings.outboxRelayMinAge()).hasMillis(5000);
    }

    @Test
    void theBusSourceComesFromRatingEventsSource() {
        assertThat(bind(Map.of("RATING_EVENTS_SOURCE", "movie-ratings.staging")).ratingEventsSource())
                .isEqualTo("movie-ratings.staging");
    }

    @Test
    void aBadValueFailsTheStartNamingTheVariableAndTheValue() {
        assertThatThrownBy(() -> bind(Map.of("EVENT_BUS_KIND", "kafka")))
                .hasMessage("EVENT_BUS_KIND=kafka: must be eventbridge or sqs");
        assertThatThrownBy(() -> bind(Map.of("EVENT_BUS_RETRY_ATTEMPTS", "three")))
                .hasMessage("EVENT_BUS_RETRY_ATTEMPTS=three: not a whole number");
        assertThatThrownBy(() -> bind(Map.of("EVENT_BUS_FAILURE_RATE", "1.5")))
                .hasMessage("EVENT_BUS_FAILURE_RATE=1.5: must be between 0 and 1");
        assertThatThrownBy(() -> bind(Map.of("EVENT_BUS_KIND", "sqs")))
                .hasMessage("EVENT_BUS_KIND=sqs: needs LOCAL_BUS_QUEUE_URL and LOCAL_BUS_SQS_ENDPOINT");
    }
}
