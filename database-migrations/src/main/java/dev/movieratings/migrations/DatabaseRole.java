package dev.movieratings.migrations;

import java.util.Arrays;
import java.util.List;

/**
 * The database's roles (V20, docs/security.md): the owner that runs the migrations and owns every object,
 * one role per function, the operators' and the analysts'. Each logs in with a password of its own.
 */
public enum DatabaseRole {
    OWNER("owner", "movie_ratings_owner"),
    COMMAND("command", "movie_ratings_command"),
    RELAY("relay", "movie_ratings_relay"),
    PROJECTOR("projector", "movie_ratings_projector"),
    QUERY("query", "movie_ratings_query"),
    OPS("ops", "movie_ratings_ops"),
    ANALYST("analyst", "movie_ratings_analyst");

    private final String key;
    // spelled out, as V20 and the docs spell them, so a search for a role's name finds it here
    private final String roleName;

    DatabaseRole(String key, String roleName) {
        this.key = key;
        this.roleName = roleName;
    }

    /** The short name configuration uses for the role (DATABASE_ROLE_SECRETS_<KEY> in upper case). */
    public String key() {
        return key;
    }

    public String roleName() {
        return roleName;
    }

    /** The roles whose passwords the migrations set; the owner's is set by the bootstrap. */
    public static List<DatabaseRole> migrated() {
        return Arrays.stream(values()).filter(role -> role != OWNER).toList();
    }

    public static DatabaseRole ofKey(String key) {
        return Arrays.stream(values())
                .filter(role -> role.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no database role '" + key + "'; the roles are "
                        + Arrays.stream(values()).map(DatabaseRole::key).toList()));
    }
}
