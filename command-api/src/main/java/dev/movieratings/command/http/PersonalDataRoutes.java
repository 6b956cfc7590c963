package dev.movieratings.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.command.application.ManagingPersonalData;
import dev.movieratings.command.application.PersonalData.Profile;
import dev.movieratings.http.Excerpt;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import dev.movieratings.http.JsonBodies;
import dev.movieratings.rating.profile.InvalidDisplayName;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The caller's own data: profile, export and erasure. Nothing here is ever cached. */
final class PersonalDataRoutes {

    private static final Map<String, String> PRIVATE = Map.of("cache-control", "no-store");

    private final ManagingPersonalData personal;

    PersonalDataRoutes(ManagingPersonalData personal) {
        this.personal = personal;
    }

    APIGatewayV2HTTPResponse setProfile(HttpRequest request) {
        String userId = request.requireCaller().userId();
        JsonNode body = JsonBodies.readObject(request);
        for (String name : body.propertyNames()) {
            if (!name.equals("displayName")) {
                throw new InvalidDisplayName("unknown field '" + Excerpt.of(name) + "'; allowed: [displayName]");
            }
        }
        JsonNode name = body.get("displayName");
        if (name == null || !name.isString()) {
            throw new InvalidDisplayName("displayName is required: a string of 3 to 32 characters");
        }
        return HttpResponses.json(200, view(personal.setDisplayName(userId, name.stringValue())), PRIVATE);
    }

    APIGatewayV2HTTPResponse profile(HttpRequest request) {
        String userId = request.requireCaller().userId();
        return HttpResponses.json(200, view(personal.profile(userId).orElse(null)), PRIVATE);
    }

    APIGatewayV2HTTPResponse erase(HttpRequest request) {
        ManagingPersonalData.Erasure erasure =
                personal.erase(request.requireCaller().userId());
        return HttpResponses.json(
                202,
                Map.of(
                        "erasureId",
                        erasure.erasureId().toString(),
                        "streams",
                        erasure.streams(),
                        "position",
                        erasure.position()),
                PRIVATE);
    }

    APIGatewayV2HTTPResponse export(HttpRequest request) {
        return HttpResponses.json(
                200,
                personal.export(request.requireCaller().userId()),
                Map.of("cache-control", "no-store", "content-disposition", "attachment; filename=\"my-data.json\""));
    }

    private static Map<String, @Nullable Object> view(@Nullable Profile profile) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("displayName", profile == null ? null : profile.displayName());
        view.put("updatedAt", profile == null ? null : profile.updatedAt().toString());
        return view;
    }
}
