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
import java.util.UUID;
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
        List<Error> reviewText = submitted.validate(
                RatingEventJson.write(RatingEventFixtures.changedRatingWithReview("bob", 2, 3.0, 3.5))
                        .replace("{\"spoiler\"", "{\"text\":\"Loved it\",\"spoiler\""),
                InputFormat.JSON);
        assertThat(badStars).isNotEmpty();
        assertThat(extraField).isNotEmpty();
        assertThat(missingVersion).isNotEmpty();
        assertThat(reviewText).as("version 2 has no place for a review's text").isNotEmpty();
    }

    @Test
    void noEventsJsonCarriesAReviewsText() {
        RatingSubmitted withReview = RatingEventFixtures.changedRatingWithReview("alice", 318, 4.0, 4.5);
        String json = RatingEventJson.write(withReview);
        assertThat(json).doesNotContain(withReview.review().text()).doesNotContain("\"text\"");
        assertThat(RatingEventJson.read(json)).isEqualTo(withReview.withoutReviewText());
    }

    @Test
    void anErasureSchemaRefusesPersonalContent() {
        Schema erased = schemaFor("RatingErased", 1);
        String valid = RatingEventJson.write(RatingEventFixtures.erasure("alice", 318, 4.5));
        assertThat(erased.validate(valid, InputFormat.JSON)).isEmpty();
        assertThat(erased.validate(valid.replace("{", "{\"displayName\":\"Alice\","), InputFormat.JSON))
                .isNotEmpty();
        assertThat(erased.validate(valid.replace("\"erasureId\"", "\"erasure\""), InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void aVersionOneSubmissionIsUpcastByDroppingItsText() throws IOException {
        String v1 = resource("/golden/RatingSubmitted.v1.json");
        assertThat(schemaFor("RatingSubmitted", 1).validate(v1, InputFormat.JSON))
                .isEmpty();
        RatingSubmitted event = (RatingSubmitted) RatingEventJson.read(v1);
        assertThat(event.review()).isEqualTo(new Review(null, false));
        String upcast = RatingEventJson.write(event);
        assertThat(upcast).contains("\"schemaVersion\":2").doesNotContain("Still great.");
        assertThat(schemaFor("RatingSubmitted", 2).validate(upcast, InputFormat.JSON))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "RatingSubmitted.v1.json",
                "RatingSubmitted.v1.first-no-review.json",
                "RatingSubmitted.v2.json",
                "RatingSubmitted.v1-read-as-v2.json",
                "RatingSubmitted.v2.rewritten-by-V60.json",
                "RatingRetracted.v1.json",
                "RatingErased.v1.json",
                "RatingErased.v1.after-retraction.json",
                "DiaryEntryLogged.v1.json",
                "DiaryEntryEdited.v1.json",
                "DiaryEntryDeleted.v1.json",
                "MovieWatchlisted.v1.json",
                "MovieUnwatchlisted.v1.json",
                "MovieUnwatchlisted.v1.erasure.json",
                "ReviewMarkedHelpful.v1.json",
                "ReviewUnmarkedHelpful.v1.json",
                "ReviewUnmarkedHelpful.v1.erasure.json",
                "MovieTagged.v1.json",
                "MovieUntagged.v1.json",
                "MovieUntagged.v1.erasure.json",
                "PersonErased.v1.json",
                "PersonErased.v1.name-only.json"
            })
    void checkedInGoldenSamplesStillParseAndValidate(String sample) throws IOException {
        String json = resource("/golden/" + sample);
        RatingEvent event = RatingEventJson.read(json);
        java.util.regex.Matcher version =
                java.util.regex.Pattern.compile("\"schemaVersion\":(\\d+)").matcher(json);
        assertThat(version.find()).isTrue();
        int writtenVersion = Integer.parseInt(version.group(1));
        assertThat(schemaFor(event.type(), writtenVersion).validate(json, InputFormat.JSON))
                .as("%s against the schema of the version it was written in", sample)
                .isEmpty();
        assertThat(schemaFor(event.type(), event.schemaVersion())
                        .validate(RatingEventJson.write(event), InputFormat.JSON))
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
        assertThat(event.review()).isEqualTo(new Review(null, false));
    }

    @Test
    void theGoldenErasureReadsAsTheEventItDescribes() throws IOException {
        RatingErased erased = (RatingErased) RatingEventJson.read(resource("/golden/RatingErased.v1.json"));
        RatingErased afterRetraction =
                (RatingErased) RatingEventJson.read(resource("/golden/RatingErased.v1.after-retraction.json"));
        assertThat(erased.previousStars()).isEqualTo(5.0);
        assertThat(afterRetraction.previousStars()).isNull();
        assertThat(erased.erasureId()).isEqualTo(afterRetraction.erasureId());
    }

    @Test
    void theGoldenWatchlistEventsReadAsTheEventsTheyDescribe() throws IOException {
        MovieWatchlisted added = (MovieWatchlisted) RatingEventJson.read(resource("/golden/MovieWatchlisted.v1.json"));
        MovieUnwatchlisted removed =
                (MovieUnwatchlisted) RatingEventJson.read(resource("/golden/MovieUnwatchlisted.v1.json"));
        MovieUnwatchlisted erased =
                (MovieUnwatchlisted) RatingEventJson.read(resource("/golden/MovieUnwatchlisted.v1.erasure.json"));
        assertThat(added.stream()).isEqualTo(RatingEvent.WATCHLIST_STREAM).isEqualTo(removed.stream());
        assertThat(added.movieId()).isEqualTo(318);
        assertThat(removed.streamVersion()).isEqualTo(2);
        assertThat(removed.erasureId()).isNull();
        assertThat(erased.erasureId()).isEqualTo(UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c"));
        assertThat(RatingEventFixtures.firstRating("bob", 2, 3.5).stream()).isEqualTo(RatingEvent.RATING_STREAM);
    }

    @Test
    void aWatchlistSchemaRefusesPersonalContentAndAMissingErasureField() throws IOException {
        Schema added = schemaFor("MovieWatchlisted", 1);
        Schema removed = schemaFor("MovieUnwatchlisted", 1);
        String valid = resource("/golden/MovieWatchlisted.v1.json").strip();
        assertThat(added.validate(valid.replace("{", "{\"note\":\"to see with Bob\","), InputFormat.JSON))
                .isNotEmpty();
        assertThat(added.validate(valid.replace("\"movieId\":318", "\"movieId\":0"), InputFormat.JSON))
                .isNotEmpty();
        String off = resource("/golden/MovieUnwatchlisted.v1.json").strip();
        assertThat(removed.validate(off.replace(",\"erasureId\":null", ""), InputFormat.JSON))
                .isNotEmpty();
        assertThat(removed.validate(off.replace("\"erasureId\":null", "\"erasureId\":5"), InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void theGoldenHelpfulVotesReadAsTheEventsTheyDescribeInTheirOwnStream() throws IOException {
        ReviewMarkedHelpful marked =
                (ReviewMarkedHelpful) RatingEventJson.read(resource("/golden/ReviewMarkedHelpful.v1.json"));
        ReviewUnmarkedHelpful unmarked =
                (ReviewUnmarkedHelpful) RatingEventJson.read(resource("/golden/ReviewUnmarkedHelpful.v1.json"));
        ReviewUnmarkedHelpful erased =
                (ReviewUnmarkedHelpful) RatingEventJson.read(resource("/golden/ReviewUnmarkedHelpful.v1.erasure.json"));
        assertThat(marked.stream()).isEqualTo(RatingEvent.HELPFUL_STREAM).isEqualTo(unmarked.stream());
        assertThat(marked.userId()).isEqualTo("bob");
        assertThat(marked.reviewAuthor()).isEqualTo("alice");
        assertThat(marked.reviewId()).isEqualTo(RatingEventFixtures.REVIEW).isEqualTo(erased.reviewId());
        assertThat(marked.marked()).isTrue();
        assertThat(unmarked.marked()).isFalse();
        assertThat(unmarked.erasureId()).isNull();
        assertThat(erased.erasureId()).isEqualTo(UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c"));
    }

    @Test
    void theGoldenTagEventsReadAsTheEventsTheyDescribe() throws IOException {
        MovieTagged added = (MovieTagged) RatingEventJson.read(resource("/golden/MovieTagged.v1.json"));
        MovieUntagged removed = (MovieUntagged) RatingEventJson.read(resource("/golden/MovieUntagged.v1.json"));
        MovieUntagged erased = (MovieUntagged) RatingEventJson.read(resource("/golden/MovieUntagged.v1.erasure.json"));
        assertThat(added.stream()).isEqualTo(RatingEvent.TAG_STREAM).isEqualTo(erased.stream());
        assertThat(added.tagId()).isEqualTo(removed.tagId()).isEqualTo(RatingEventFixtures.TAG);
        assertThat(removed.erasureId()).isNull();
        assertThat(erased.tagId()).isNull();
        assertThat(erased.erasureId()).isEqualTo(UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c"));
    }

    @Test
    void aHelpfulSchemaRefusesTextAndAVoteWithoutItsReview() throws IOException {
        Schema marked = schemaFor("ReviewMarkedHelpful", 1);
        Schema unmarked = schemaFor("ReviewUnmarkedHelpful", 1);
        String valid = resource("/golden/ReviewMarkedHelpful.v1.json").strip();
        assertThat(marked.validate(valid, InputFormat.JSON)).isEmpty();
        assertThat(marked.validate(valid.replace("{", "{\"text\":\"so true\","), InputFormat.JSON))
                .as("no text in a vote")
                .isNotEmpty();
        assertThat(marked.validate(valid.replace(",\"reviewAuthor\":\"alice\"", ""), InputFormat.JSON))
                .isNotEmpty();
        assertThat(marked.validate(valid.replace("\"1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e\"", "7"), InputFormat.JSON))
                .isNotEmpty();
        String off = resource("/golden/ReviewUnmarkedHelpful.v1.json").strip();
        assertThat(unmarked.validate(off.replace(",\"erasureId\":null", ""), InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void aTagSchemaRefusesATagsTextAndAnUntaggingThatNamesNeitherOrBoth() throws IOException {
        Schema added = schemaFor("MovieTagged", 1);
        Schema removed = schemaFor("MovieUntagged", 1);
        String valid = resource("/golden/MovieTagged.v1.json").strip();
        assertThat(added.validate(valid, InputFormat.JSON)).isEmpty();
        assertThat(added.validate(valid.replace("{", "{\"tag\":\"dark comedy\","), InputFormat.JSON))
                .as("a tag's text is personal: never in an event")
                .isNotEmpty();
        String off = resource("/golden/MovieUntagged.v1.json").strip();
        assertThat(removed.validate(off, InputFormat.JSON)).isEmpty();
        assertThat(removed.validate(
                        off.replace("\"erasureId\":null", "\"erasureId\":\"9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c\""),
                        InputFormat.JSON))
                .as("both a tag and an erasure")
                .isNotEmpty();
        assertThat(removed.validate(off.replaceAll("\"tagId\":\"[^\"]+\"", "\"tagId\":null"), InputFormat.JSON))
                .as("neither")
                .isNotEmpty();
    }

    @Test
    void theGoldenPersonErasuresReadAsTheEventsTheyDescribeOnAStreamWithNoFilm() throws IOException {
        PersonErased erased = (PersonErased) RatingEventJson.read(resource("/golden/PersonErased.v1.json"));
        PersonErased nameOnly = (PersonErased) RatingEventJson.read(resource("/golden/PersonErased.v1.name-only.json"));
        assertThat(erased.stream()).isEqualTo(PersonErased.PERSON_STREAM).isEqualTo(nameOnly.stream());
        assertThat(erased.movieId()).isEqualTo(RatingEvent.NO_FILM).isEqualTo(nameOnly.movieId());
        assertThat(erased.erasureId()).isEqualTo(UUID.fromString("9d2f6c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c"));
        assertThat(erased.streams()).isEqualTo(5);
        assertThat(nameOnly.streams()).isZero();
        assertThat(nameOnly.userId()).isEqualTo("carol");
        assertThat(RatingEventJson.write(erased)).doesNotContain("movieId");
    }

    @Test
    void aPersonErasureSchemaRefusesPersonalContentAFilmAndAMissingCount() throws IOException {
        Schema erased = schemaFor("PersonErased", 1);
        String valid = resource("/golden/PersonErased.v1.json").strip();
        assertThat(erased.validate(valid, InputFormat.JSON)).isEmpty();
        assertThat(erased.validate(valid.replace("{", "{\"email\":\"alice@example.org\","), InputFormat.JSON))
                .as("no e-mail or name in the audit record")
                .isNotEmpty();
        assertThat(erased.validate(valid.replace("{", "{\"movieId\":318,"), InputFormat.JSON))
                .as("the person stream has no film")
                .isNotEmpty();
        assertThat(erased.validate(valid.replace(",\"streams\":5", ""), InputFormat.JSON))
                .isNotEmpty();
        assertThat(erased.validate(valid.replace("\"streams\":5", "\"streams\":-1"), InputFormat.JSON))
                .isNotEmpty();
        assertThatThrownBy(() -> RatingEventJson.read(valid.replace("{", "{\"movieId\":318,")))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("no movieId");
    }

    @Test
    void aDiarySchemaRefusesANoteAndDatesThatAreNotDates() {
        Schema logged = schemaFor("DiaryEntryLogged", 1);
        String valid = RatingEventJson.write(RatingEventFixtures.diaryEntry("alice", 318, 3.5));
        assertThat(logged.validate(valid, InputFormat.JSON)).isEmpty();
        assertThat(logged.validate(valid.replace("{", "{\"note\":\"with Bob\","), InputFormat.JSON))
                .as("a note is personal text: never in an event")
                .isNotEmpty();
        assertThat(logged.validate(valid.replace("2026-11-28\"", "+999999999-12-31\""), InputFormat.JSON))
                .isNotEmpty();
        assertThat(logged.validate(valid.replace("\"stars\":3.5", "\"stars\":3.3"), InputFormat.JSON))
                .isNotEmpty();
        assertThat(schemaFor("DiaryEntryDeleted", 1)
                        .validate(
                                RatingEventJson.write(RatingEventFixtures.diaryDeletion("alice", 318))
                                        .replace("{", "{\"stars\":4.0,"),
                                InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void theGoldenDiaryEntryReadsAsTheEventItDescribes() throws IOException {
        DiaryEntryLogged logged = (DiaryEntryLogged) RatingEventJson.read(resource("/golden/DiaryEntryLogged.v1.json"));
        DiaryEntryEdited edited = (DiaryEntryEdited) RatingEventJson.read(resource("/golden/DiaryEntryEdited.v1.json"));
        DiaryEntryDeleted deleted =
                (DiaryEntryDeleted) RatingEventJson.read(resource("/golden/DiaryEntryDeleted.v1.json"));
        assertThat(logged.watchedOn()).hasToString("2026-11-28");
        assertThat(logged.rewatch()).isTrue();
        assertThat(logged.stars()).isEqualTo(4.5);
        assertThat(edited.stars()).isNull();
        assertThat(edited.entryId()).isEqualTo(logged.entryId()).isEqualTo(deleted.entryId());
        assertThat(List.of(logged.stream(), edited.stream(), deleted.stream()))
                .as("a diary entry with stars sets the rating: the diary shares the rating stream")
                .containsOnly(RatingEvent.RATING_STREAM);
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
    void aVersion2EventThePrivacyMigrationRewroteReadsWithItsChannelUnrecorded() throws IOException {
        String rewritten = resource("/golden/RatingSubmitted.v2.rewritten-by-V60.json");
        RatingSubmitted event = (RatingSubmitted) RatingEventJson.read(rewritten);

        assertThat(event.channel()).isEqualTo(RatingSubmitted.UNRECORDED);
        assertThat(event.review()).isEqualTo(new Review(null, false));
        assertThat(RatingEventJson.write(event))
                .as("read and written again, it is the v1 sample upcast")
                .isEqualTo(
                        resource("/golden/RatingSubmitted.v1-read-as-v2.json").strip());
    }

    @Test
    void aChannelOutsideTheKnownOnesIsRefusedByName() {
        String fax = RatingEventJson.write(RatingEventFixtures.firstRating("bob", 2, 3.5))
                .replace("\"channel\":\"api\"", "\"channel\":\"fax\"");
        assertThatThrownBy(() -> RatingEventJson.read(fax))
                .isInstanceOf(UnreadableEvent.class)
                .hasMessageContaining("'fax'");
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
