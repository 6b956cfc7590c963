package dev.movieratings.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class FunctionSettingsTest {

    record Sample(
            @DefaultValue("50") int weightedRatingMinVotes,
            @DefaultValue("0") double eventBusFailureRate) {
        Sample {
            if (weightedRatingMinVotes < 0) {
                throw FunctionSettings.invalid("weightedRatingMinVotes", weightedRatingMinVotes, "must be 0 or more");
            }
        }
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test", variables));
        return environment;
    }

    @Test
    void componentsAreReadFromTheVariablesOfTheSameNameInUpperSnakeCase() {
        Sample sample = FunctionSettings.bind(
                environment(Map.of("WEIGHTED_RATING_MIN_VOTES", "7", "EVENT_BUS_FAILURE_RATE", "0.25")), Sample.class);
        assertThat(sample).isEqualTo(new Sample(7, 0.25));
        assertThat(FunctionSettings.variable("weightedRatingMinVotes")).isEqualTo("WEIGHTED_RATING_MIN_VOTES");
    }

    @Test
    void absentVariablesTakeTheirDefaults() {
        assertThat(FunctionSettings.bind(environment(Map.of()), Sample.class)).isEqualTo(new Sample(50, 0));
    }

    @Test
    void aValueOfTheWrongTypeFailsNamingTheVariableAndTheValue() {
        assertThatThrownBy(() ->
                        FunctionSettings.bind(environment(Map.of("WEIGHTED_RATING_MIN_VOTES", "abc")), Sample.class))
                .isInstanceOf(FunctionSettings.InvalidSetting.class)
                .hasMessage("WEIGHTED_RATING_MIN_VOTES=abc: not a whole number");
        assertThatThrownBy(() ->
                        FunctionSettings.bind(environment(Map.of("EVENT_BUS_FAILURE_RATE", "often")), Sample.class))
                .hasMessage("EVENT_BUS_FAILURE_RATE=often: not a number");
    }

    @Test
    void aValueTheRecordRefusesFailsNamingTheVariableAndTheValue() {
        assertThatThrownBy(() ->
                        FunctionSettings.bind(environment(Map.of("WEIGHTED_RATING_MIN_VOTES", "-1")), Sample.class))
                .isInstanceOf(FunctionSettings.InvalidSetting.class)
                .hasMessage("WEIGHTED_RATING_MIN_VOTES=-1: must be 0 or more");
    }
}
