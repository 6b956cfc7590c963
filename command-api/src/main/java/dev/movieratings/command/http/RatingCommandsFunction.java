package dev.movieratings.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.command.application.Accepted;
import dev.movieratings.command.application.DiaryEntryNotFound;
import dev.movieratings.command.application.ErasingPersonalData;
import dev.movieratings.command.application.ExportingPersonalData;
import dev.movieratings.command.application.IdempotencyKeyReused;
import dev.movieratings.command.application.KeepingDiary;
import dev.movieratings.command.application.KeepingTags;
import dev.movieratings.command.application.KeepingWatchlist;
import dev.movieratings.command.application.ManagingProfile;
import dev.movieratings.command.application.MovieNotFound;
import dev.movieratings.command.application.PersonalData;
import dev.movieratings.command.application.RecordingRatings;
import dev.movieratings.command.application.RetractRating;
import dev.movieratings.command.application.ReviewNotFound;
import dev.movieratings.command.application.SubmitRating;
import dev.movieratings.command.application.VotingHelpful;
import dev.movieratings.command.application.WriteQuota;
import dev.movieratings.http.ApiGatewayFunction;
import dev.movieratings.http.Caller;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.JsonBodies;
import dev.movieratings.http.Problem;
import dev.movieratings.rating.InvalidRating;
import dev.movieratings.rating.NothingToRetract;
import dev.movieratings.rating.helpful.OwnReview;
import dev.movieratings.rating.profile.InvalidDisplayName;
import java.time.Clock;
import java.util.Map;

/**
 * The command Lambda: API Gateway routes for rating and un-rating a movie, for the caller's own data
 * (profile, export, erasure: the function that holds the personal store answers for it), and for the
 * caller's diary and watchlist. Decodes, delegates, encodes.
 */
public class RatingCommandsFunction extends ApiGatewayFunction {

    static final String PUT_RATING = "PUT /api/movies/{id}/rating";
    static final String DELETE_RATING = "DELETE /api/movies/{id}/rating";
    static final String PUT_PROFILE = "PUT /api/me/profile";
    static final String GET_PROFILE = "GET /api/me/profile";
    static final String DELETE_ME = "DELETE /api/me";
    static final String EXPORT = "GET /api/me/export";
    // the watchlist (issue 20)
    static final String PUT_WATCHLIST = "PUT /api/me/watchlist/{movieId}";
    static final String DELETE_WATCHLIST = "DELETE /api/me/watchlist/{movieId}";

    private final RecordingRatings ratings;
    private final PersonalDataRoutes personal;
    private final DiaryRoutes diary;
    private final WatchlistRoutes watchlist;
    private final HelpfulRoutes helpful;
    private final TagRoutes tags;

    public RatingCommandsFunction(
            RecordingRatings ratings,
            ManagingProfile profiles,
            ErasingPersonalData erasure,
            ExportingPersonalData export,
            KeepingDiary diary,
            KeepingWatchlist watchlist,
            VotingHelpful helpful,
            KeepingTags tags,
            Clock clock) {
        this.helpful = new HelpfulRoutes(helpful);
        this.ratings = ratings;
        this.personal = new PersonalDataRoutes(profiles, erasure, export);
        this.diary = new DiaryRoutes(diary, clock);
        this.watchlist = new WatchlistRoutes(watchlist);
        this.tags = new TagRoutes(tags);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        try {
            return switch (request.routeKey()) {
                case PUT_RATING -> accepted(submit(request));
                case DELETE_RATING -> accepted(retract(request));
                case PUT_PROFILE -> personal.setProfile(request);
                case GET_PROFILE -> personal.profile(request);
                case DELETE_ME -> personal.erase(request);
                case EXPORT -> personal.export(request);
                // the diary (issue 20)
                case DiaryRoutes.POST_DIARY -> diary.log(request);
                case DiaryRoutes.PUT_DIARY_ENTRY -> diary.edit(request);
                case DiaryRoutes.DELETE_DIARY_ENTRY -> diary.delete(request);
                case PUT_WATCHLIST -> watchlist.add(request);
                case DELETE_WATCHLIST -> watchlist.remove(request);
                case HelpfulRoutes.PUT_HELPFUL -> helpful.mark(request);
                case HelpfulRoutes.DELETE_HELPFUL -> helpful.unmark(request);
                // tags (issue 19)
                case TagRoutes.POST_TAG -> tags.add(request);
                case TagRoutes.DELETE_TAG -> tags.remove(request);
                default -> HttpResponses.problem(Problem.unknownRoute(request.method() + " " + request.path()));
            };
        } catch (InvalidRating e) {
            return HttpResponses.problem(Problem.invalidField(e.field(), e.getMessage()));
        } catch (InvalidDisplayName e) {
            return HttpResponses.problem(Problem.invalidField("displayName", e.getMessage()));
        } catch (PersonalData.DisplayNameTaken e) {
            return HttpResponses.problem(Problem.of("display-name-taken", "Display name taken", 409, e.getMessage()));
        } catch (OwnReview e) {
            return HttpResponses.problem(Problem.of("own-review", "Own review", 403, e.getMessage()));
        } catch (MovieNotFound | NothingToRetract | DiaryEntryNotFound | ReviewNotFound e) {
            return HttpResponses.problem(Problem.notFound(e.getMessage()));
        } catch (WriteQuota.WriteLimitExceeded e) {
            return HttpResponses.problem(
                    Problem.of("too-many-writes", "Too many rating changes", 429, e.getMessage()),
                    Map.of("retry-after", Long.toString(e.retryAfterSeconds())));
        } catch (IdempotencyKeyReused e) {
            return HttpResponses.problem(
                    Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422, e.getMessage()));
        }
    }

    private Accepted submit(HttpRequest request) {
        Caller caller = request.requireCaller();
        long movieId = RatingRequests.movieId(request);
        String key = RatingRequests.idempotencyKey(request);
        RatingRequests.RatingBody body = RatingRequests.body(JsonBodies.readObject(request));
        return ratings.submit(new SubmitRating(caller.userId(), movieId, body.stars(), body.review(), key));
    }

    private Accepted retract(HttpRequest request) {
        Caller caller = request.requireCaller();
        long movieId = RatingRequests.movieId(request);
        String key = RatingRequests.idempotencyKey(request);
        return ratings.retract(new RetractRating(caller.userId(), movieId, key));
    }

    private static APIGatewayV2HTTPResponse accepted(Accepted accepted) {
        return HttpResponses.json(
                202,
                Map.of(
                        "eventId",
                        accepted.eventId().toString(),
                        "position",
                        accepted.position(),
                        "streamVersion",
                        accepted.streamVersion()),
                Map.of("cache-control", "no-store"));
    }
}
