package dev.movieratings.ops.lambda;

import dev.movieratings.ops.pipeline.AwsClients;
import dev.movieratings.ops.pipeline.ProjectorControl;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {"action":"projector-pause"|"projector-resume","reason":…,"requestedBy":…} on the ops Lambda: the same
 * switch as {@code ops projector pause|resume}, on the event source mapping of the function
 * PROJECTOR_FUNCTION_ARN names; audited as "lambda:&lt;requestedBy&gt;".
 */
final class LambdaProjectorSwitch {

    static final List<String> ACTIONS = List.of("projector-pause", "projector-resume");

    private LambdaProjectorSwitch() {}

    static Map<String, Object> handle(
            JdbcClient jdbc, Function<String, @Nullable String> settings, String action, Map<String, Object> request) {
        String requestedBy = request.get("requestedBy") instanceof String s ? s.strip() : "";
        if (requestedBy.isEmpty()) {
            return Map.of("error", action + " needs requestedBy (who asks) and a reason");
        }
        ProjectorControl.EventSourceMapping mapping = AwsClients.projectorMapping(settings);
        if (mapping == null) {
            return Map.of("error", "PROJECTOR_FUNCTION_ARN is not set: there is no event source mapping to switch");
        }
        ProjectorControl control = new ProjectorControl(jdbc, mapping);
        String reason = request.get("reason") instanceof String s ? s : "";
        String actor = "lambda:" + requestedBy;
        try {
            String done =
                    action.equals("projector-pause") ? control.pause(actor, reason) : control.resume(actor, reason);
            return Map.of("paused", action.equals("projector-pause"), "done", done);
        } catch (ProjectorControl.Refused e) {
            return Map.of("error", e.getMessage());
        }
    }
}
