package dev.movieratings.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.command.application.HelpfulChange;
import dev.movieratings.command.application.VotingHelpful;
import dev.movieratings.http.BadRequest;
import dev.movieratings.http.Excerpt;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code PUT} and {@code DELETE /api/movies/{id}/reviews/{reviewId}/helpful} (issue 20): the caller's own vote on
 * another person's review. 202 when the command appended an event, 200 when the vote already said so (nothing
 * written); either way the answer says whether the caller's vote stands. A malformed or unknown film or review is
 * a 404, one's own review a 403.
 */
final class HelpfulRoutes {

    static final String PUT_HELPFUL = "PUT /api/movies/{id}/reviews/{reviewId}/helpful";
    static final String DELETE_HELPFUL = "DELETE /api/movies/{id}/reviews/{reviewId}/helpful";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final VotingHelpful voting;

    HelpfulRoutes(VotingHelpful voting) {
        this.voting = voting;
    }

    APIGatewayV2HTTPResponse mark(HttpRequest request) {
        String voter = request.requireCaller().userId();
        return answer(voting.mark(voter, RatingRequests.movieId(request), reviewId(request)));
    }

    APIGatewayV2HTTPResponse unmark(HttpRequest request) {
        String voter = request.requireCaller().userId();
        return answer(voting.unmark(voter, RatingRequests.movieId(request), reviewId(request)));
    }

    private static UUID reviewId(HttpRequest request) {
        String raw = request.pathParameter("reviewId").orElse("");
        if (!UUID_TEXT.matcher(raw).matches()) {
            throw new BadRequest(Problem.notFound("there is no review with id '" + Excerpt.of(raw) + "'"));
        }
        return UUID.fromString(raw);
    }

    private static APIGatewayV2HTTPResponse answer(HelpfulChange change) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("reviewId", change.reviewId().toString());
        body.put("helpful", change.helpful());
        body.put("eventId", change.eventId() == null ? null : change.eventId().toString());
        body.put("position", change.position());
        body.put("streamVersion", change.streamVersion());
        return HttpResponses.json(change.eventId() == null ? 200 : 202, body, Map.of("cache-control", "no-store"));
    }
}
