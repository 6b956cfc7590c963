package dev.movieratings.command.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.command.application.ErasingPersonalData;
import dev.movieratings.command.application.ExportingPersonalData;
import dev.movieratings.command.application.ManagingProfile;
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

    private final ManagingProfile profiles;
    private final ErasingPersonalData erasure;
    private final ExportingPersonalData export;

    PersonalDataRoutes(ManagingProfile profiles, ErasingPersonalData erasure, ExportingPersonalData export) {
        this.profiles = profiles;
        this.erasure = erasure;
        this.export = export;
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
        return HttpResponses.json(200, view(profiles.setDisplayName(userId, name.stringValue())), PRIVATE);
    }

    APIGatewayV2HTTPResponse profile(HttpRequest request) {
        String userId = request.requireCaller().userId();
        return HttpResponses.json(200, view(profiles.profile(userId).orElse(null)), PRIVATE);
    }

    APIGatewayV2HTTPResponse erase(HttpRequest request) {
        ErasingPersonalData.Erasure erased =
                erasure.erase(request.requireCaller().userId());
        return HttpResponses.json(
                202,
                Map.of(
                        "erasureId",
                        erased.erasureId().toString(),
                        "streams",
                        erased.streams(),
                        "position",
                        erased.position()),
                PRIVATE);
    }

    APIGatewayV2HTTPResponse export(HttpRequest request) {
        return HttpResponses.json(
                200,
                export.export(request.requireCaller().userId()),
                Map.of("cache-control", "no-store", "content-disposition", "attachment; filename=\"my-data.json\""));
    }

    private static Map<String, @Nullable Object> view(@Nullable Profile profile) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("displayName", profile == null ? null : profile.displayName());
        view.put("updatedAt", profile == null ? null : profile.updatedAt().toString());
        return view;
    }
}
