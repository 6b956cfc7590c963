package dev.movieratings.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.events.json.UnreadableEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RatingEventSchemaTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void everyEventTypeSerializesToJsonItsSchemaAccepts() {
        for (RatingEvent event : RatingEventFixtures.oneOfEachShape()) {
            String json = RatingEventJson.write(event);
            assertThat(schemaFor(event.type(), event.schemaVersion()).validate(json, InputFormat.JSON))
                    .as("%s validated against its schema", json)
                    .isEmpty();
        }
    }

    @Test
    void everyEventSurvivesARoundTrip() {
        for (RatingEvent event : RatingEventFixtures.oneOfEachShape()) {
            assertThat(RatingEventJson.read(RatingEventJson.write(event))).isEqualTo(event);
        }
    }

    @Test
    void theSchemasRejectWhatTheContractForbids() {
        Schema submitted = schemaFor("RatingSubmitted", RatingSubmitted.SCHEMA_VERSION);
        String valid = RatingEventJson.write(RatingEventFixtures.firstRating("bob", 2, 3.5));
        assertThat(submitted.validate(valid, InputFormat.JSON)).isEmpty();
        List<Error> badChannel =
                submitted.validate(valid.replace("\"channel\":\"api\"", "\"channel\":\"fax\""), InputFormat.JSON);
        assertThat(badChannel).isNotEmpty();
        List<Error> badStars = submitted.validate(valid.replace("\"stars\":3.5", "\"stars\":3.3"), InputFormat.JSON);
        List<Error> extraField = submitted.validate(valid.replace("{", "{\"admin\":true,"), InputFormat.JSON);
        List<Error> missingVersion = submitted.validate(valid.replace("\"streamVersion\":1,", ""), InputFormat.JSON);
        assertThat(badStars).isNotEmpty();
        assertThat(extraField).isNotEmpty();
        assertThat(missingVersion).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "RatingSubmitted.v1.json",
                "RatingSubmitted.v1.first-no-review.json",
                "RatingSubmitted.v2.json",
                "RatingRetracted.v1.json"
            })
    void checkedInGoldenSamplesStillParseAndValidate(String sample) throws IOException {
        String json = resource("/golden/" + sample);
        RatingEvent event = RatingEventJson.read(json);
        int storedVersion = Integer.parseInt(sample.replaceAll(".*\\.v(\\d+)[.-].*", "$1"));
        assertThat(schemaFor(event.type(), storedVersion).validate(json, InputFormat.JSON))
                .as("%s against the schema of the version it was written in", sample)
                .isEmpty();
        assertThat(RatingEventJson.toTree(event))
                .isEqualTo(RatingEventJson.toTree(RatingEventJson.read(RatingEventJson.write(event))));
        assertThat(event.streamVersion()).isPositive();
    }

    @Test
    void theGoldenChangeSampleReadsAsTheEventItDescribes() throws IOException {
        RatingSubmitted event = (RatingSubmitted) RatingEventJson.read(resource("/golden/RatingSubmitted.v1.json"));
        assertThat(event.userId()).isEqualTo("alice");
        assertThat(event.movieId()).isEqualTo(318);
        assertThat(event.stars()).isEqualTo(4.5);
        assertThat(event.previousStars()).isEqualTo(4.0);
        assertThat(event.review()).isEqualTo(new Review("Still great.", false));
    }

    @Test
    void aVersion1EventIsReadAsVersion2WithItsChannelUnrecordedAndWrittenAsVersion2() throws IOException {
        RatingSubmitted event = (RatingSubmitted) RatingEventJson.read(resource("/golden/RatingSubmitted.v1.json"));

        assertThat(event.channel()).isEqualTo(RatingSubmitted.UNRECORDED);
        assertThat(event.schemaVersion()).isEqualTo(2);
        assertThat(RatingEventJson.toTree(event))
                .as("the upcast event, written, is the golden v1-read-as-v2 sample")
                .isEqualTo(RatingEventJson.toTree(
                        RatingEventJson.read(resource("/golden/RatingSubmitted.v1-read-as-v2.json"))));
        assertThat(RatingEventJson.write(event))
                .isEqualTo(
                        resource("/golden/RatingSubmitted.v1-read-as-v2.json").strip());
        RatingSubmitted current = (RatingSubmitted) RatingEventJson.read(resource("/golden/RatingSubmitted.v2.json"));
        assertThat(current.channel()).isEqualTo(RatingSubmitted.API);
        assertThat(RatingEventJson.write(current))
                .isEqualTo(resource("/golden/RatingSubmitted.v2.json").strip());
    }

    @Test
    void anUnknownSchemaVersionIsRefusedByName() {
        String future = RatingEventJson.write(RatingEventFixtures.firstRating("bob", 2, 3.5))
                .replace("\"schemaVersion\":2", "\"schemaVersion\":9");
        assertThatThrownBy(() -> RatingEventJson.read(future))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("schema version 9");
    }

    private static Schema schemaFor(String type, int version) {
        try {
            return SCHEMAS.getSchema(resource("/schemas/" + type + ".v" + version + ".schema.json"), InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = RatingEventSchemaTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
