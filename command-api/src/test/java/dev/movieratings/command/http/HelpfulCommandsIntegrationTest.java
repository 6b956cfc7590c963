package dev.movieratings.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.embedded.ApiGatewayEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Helpful votes (issue 20) through the real command function and PostgreSQL: one vote per person per review,
 * idempotent both ways, never on one's own review, a stream of the voter's own; a review's identity and write time
 * across edits of the stars and of the text; a retracted review takes no votes; erasure takes a voter's votes back.
 */
class HelpfulCommandsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();

    @BeforeEach
    void busUp() {
        env.busAccepts();
    }

    @Test
    void oneVotePerPersonPerReviewIdempotentBothWaysInTheVotersOwnStream() {
        String author = "author-" + UUID.randomUUID();
        String voter = "voter-" + UUID.randomUUID();
        assertThat(rate(author, 318, "{\"stars\":4.5,\"review\":{\"text\":\"Hope.\",\"spoiler\":false}}")
                        .statusCode())
                .isEqualTo(202);
        String review = reviewId(author, 318);

        ApiGatewayEvents.Response marked = vote("PUT", 318, review, voter);
        ApiGatewayEvents.Response again = vote("PUT", 318, review, voter);

        assertThat(marked.statusCode()).isEqualTo(202);
        assertThat(json(marked).get("helpful").asBoolean()).isTrue();
        assertThat(json(marked).get("streamVersion").asInt()).isEqualTo(1);
        assertThat(again.statusCode()).as("a second PUT changes nothing").isEqualTo(200);
        assertThat(json(again).get("eventId").isNull()).isTrue();
        assertThat(events(voter)).containsExactly("ReviewMarkedHelpful helpful 318 v1");
        assertThat(env.jdbc
                        .sql("select payload ->> 'reviewAuthor' || ' ' || (payload ->> 'reviewId')"
                                + " from rating_events where user_id = ?")
                        .param(voter)
                        .query(String.class)
                        .single())
                .isEqualTo(author + " " + review);

        ApiGatewayEvents.Response unmarked = vote("DELETE", 318, review, voter);
        ApiGatewayEvents.Response unmarkedAgain = vote("DELETE", 318, review, voter);

        assertThat(unmarked.statusCode()).isEqualTo(202);
        assertThat(json(unmarked).get("helpful").asBoolean()).isFalse();
        assertThat(unmarkedAgain.statusCode()).isEqualTo(200);
        assertThat(events(voter))
                .containsExactly("ReviewMarkedHelpful helpful 318 v1", "ReviewUnmarkedHelpful helpful 318 v2");
        assertThat(events(author)).containsExactly("RatingSubmitted rating 318 v1");
    }

    @Test
    void nobodyVotesOnTheirOwnReviewAndAnUnknownOrMalformedReviewIsNotFound() {
        String author = "self-" + UUID.randomUUID();
        rate(author, 2571, "{\"stars\":3,\"review\":{\"text\":\"Mine.\",\"spoiler\":false}}");
        String review = reviewId(author, 2571);

        ApiGatewayEvents.Response own = vote("PUT", 2571, review, author);
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(vote("PUT", 2571, UUID.randomUUID().toString(), "x-" + UUID.randomUUID())
                        .statusCode())
                .isEqualTo(404);
        assertThat(vote("PUT", 318, review, "x-" + UUID.randomUUID()).statusCode())
                .as("the review of another film")
                .isEqualTo(404);
        assertThat(vote("PUT", 2571, "not-a-uuid", "x-" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
        assertThat(vote("PUT", 2571, review, null).statusCode()).isEqualTo(401);
        assertThat(events(author)).containsExactly("RatingSubmitted rating 2571 v1");
    }

    @Test
    void aReviewKeepsItsIdAcrossEditsAndItsWriteTimeWhileOnlyTheStarsChange() {
        String author = "editor-" + UUID.randomUUID();
        rate(author, 1, "{\"stars\":4,\"review\":{\"text\":\"Toys.\",\"spoiler\":false}}");
        Map<String, Object> first = reviewRow(author, 1);

        rate(author, 1, "{\"stars\":2,\"review\":{\"text\":\"Toys.\",\"spoiler\":false}}");
        Map<String, Object> starsOnly = reviewRow(author, 1);
        rate(author, 1, "{\"stars\":2,\"review\":{\"text\":\"Toys, again.\",\"spoiler\":true}}");
        Map<String, Object> edited = reviewRow(author, 1);

        assertThat(starsOnly.get("review_id")).isEqualTo(first.get("review_id"));
        assertThat(starsOnly.get("written_at"))
                .as("a change of the stars alone does not make the review newer")
                .isEqualTo(first.get("written_at"));
        assertThat(edited.get("review_id"))
                .as("an edit of the text keeps the identity")
                .isEqualTo(first.get("review_id"));
        assertThat(edited.get("written_at")).isNotEqualTo(first.get("written_at"));
        assertThat(first.get("review_id").toString())
                .as("the id is the event that first wrote the review")
                .isEqualTo(env.jdbc
                        .sql("select event_id::text from rating_events where user_id = ? and stream_version = 1")
                        .param(author)
                        .query(String.class)
                        .single());

        assertThat(rate(author, 1, "{\"stars\":2}").statusCode()).isEqualTo(202);
        String old = first.get("review_id").toString();
        assertThat(vote("PUT", 1, old, "late-" + UUID.randomUUID()).statusCode())
                .as("a rating without a review ended it")
                .isEqualTo(404);
        rate(author, 1, "{\"stars\":2,\"review\":{\"text\":\"Toys.\",\"spoiler\":false}}");
        assertThat(reviewRow(author, 1).get("review_id").toString())
                .as("a review written after the end is a new review")
                .isNotEqualTo(old);
    }

    @Test
    void erasingAVoterTakesBackEveryVoteThatStands() {
        String author = "erased-author-" + UUID.randomUUID();
        String other = "other-author-" + UUID.randomUUID();
        String voter = "erased-voter-" + UUID.randomUUID();
        rate(author, 318, "{\"stars\":5,\"review\":{\"text\":\"A.\",\"spoiler\":false}}");
        rate(other, 318, "{\"stars\":1,\"review\":{\"text\":\"B.\",\"spoiler\":false}}");
        vote("PUT", 318, reviewId(author, 318), voter);
        vote("PUT", 318, reviewId(other, 318), voter);
        vote("DELETE", 318, reviewId(other, 318), voter);
        vote("PUT", 318, reviewId(other, 318), voter);

        ApiGatewayEvents.Response erased = ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "DELETE", "DELETE /api/me", "/api/me", Map.of(), "", Map.of(), null, Map.of("sub", voter)))));

        assertThat(erased.statusCode()).isEqualTo(202);
        String erasureId = json(erased).get("erasureId").asString();
        assertThat(env.jdbc
                        .sql("select stream_version from rating_events where user_id = ?"
                                + " and event_type = 'ReviewUnmarkedHelpful' and payload ->> 'erasureId' = ?"
                                + " order by stream_version")
                        .params(voter, erasureId)
                        .query(Integer.class)
                        .list())
                .containsExactly(5, 6);
    }

    private static final String EVENTS = """
            select event_type || ' ' || stream || ' ' || movie_id || ' v' || stream_version
            from rating_events where user_id = ? order by position""";

    private List<String> events(String user) {
        return env.jdbc.sql(EVENTS).param(user).query(String.class).list();
    }

    private String reviewId(String author, long movie) {
        return reviewRow(author, movie).get("review_id").toString();
    }

    private Map<String, Object> reviewRow(String author, long movie) {
        return env.jdbc
                .sql("select review_id, written_at from personal.review_texts where user_id = ? and movie_id = ?")
                .params(author, movie)
                .query()
                .singleRow();
    }

    private static JsonNode json(ApiGatewayEvents.Response response) {
        return JSON.readTree(response.body());
    }

    private ApiGatewayEvents.Response rate(String user, long movie, String body) {
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "PUT",
                        "PUT /api/movies/{id}/rating",
                        "/api/movies/" + movie + "/rating",
                        Map.of("id", Long.toString(movie)),
                        "",
                        Map.of("content-type", "application/json"),
                        body.getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", user)))));
    }

    private ApiGatewayEvents.Response vote(String method, long movie, String review, @Nullable String user) {
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        method,
                        method + " /api/movies/{id}/reviews/{reviewId}/helpful",
                        "/api/movies/" + movie + "/reviews/" + review + "/helpful",
                        Map.of("id", Long.toString(movie), "reviewId", review),
                        "",
                        Map.of(),
                        null,
                        user == null ? null : Map.of("sub", user)))));
    }
}
