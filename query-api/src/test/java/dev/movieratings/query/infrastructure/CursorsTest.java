package dev.movieratings.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.query.application.MovieQueries.InvalidCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorsTest {

    private static final CursorSigningKey KEY =
            new CursorSigningKey("k".repeat(32).getBytes(StandardCharsets.UTF_8));
    private static final String SUB = "8b6f3f5e-2a51-4c1f-9d7e-0c4a1e2b3c4d";
    private final Cursors cursors = new Cursors(KEY);
    private final byte[] reviews = Cursors.scope("reviews", 318L);

    @Test
    void aCursorComesBackAsItWasMadeAndTheSamePageAlwaysGetsTheSameCursor() {
        Map<String, String> key = Map.of("t", "2026-01-01 00:00:00+00", "u", SUB);
        String cursor = cursors.encode(reviews, key);
        assertThat(cursors.decode(reviews, cursor)).isEqualTo(key);
        assertThat(cursors.encode(reviews, key)).isEqualTo(cursor);
        assertThat(cursor).hasSizeLessThan(Cursors.MAX_LENGTH).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aCursorCarriesNothingAClientCanRead() {
        String cursor = cursors.encode(reviews, Map.of("t", "2026-01-01 00:00:00+00", "u", SUB));
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContain(SUB).doesNotContain("8b6f3f5e").doesNotContain("2026");
        assertThat(cursor)
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(SUB.getBytes()));
    }

    @Test
    void everyChangeOfEveryCharacterIsRefused() {
        String cursor = cursors.encode(reviews, Map.of("t", "2026-01-01 00:00:00+00", "u", SUB));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (int i = 0; i < cursor.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == cursor.charAt(i)) {
                    continue;
                }
                String changed = cursor.substring(0, i) + c + cursor.substring(i + 1);
                tried++;
                try {
                    cursors.decode(reviews, changed);
                    // the last character's low bits are padding that base64 decoding ignores: same bytes
                    if (!Arrays.equals(
                            Base64.getUrlDecoder().decode(changed),
                            Base64.getUrlDecoder().decode(cursor))) {
                        accepted.add(changed);
                    }
                } catch (InvalidCursor expected) {
                    // refused, as it must be
                }
            }
        }
        assertThat(tried).isGreaterThan(5_000);
        assertThat(accepted).as("changed cursors that were accepted").isEmpty();
        assertThatThrownBy(() -> cursors.decode(reviews, cursor.substring(1))).isInstanceOf(InvalidCursor.class);
        assertThatThrownBy(() -> cursors.decode(reviews, cursor + "A")).isInstanceOf(InvalidCursor.class);
        assertThatThrownBy(() -> cursors.decode(reviews, "")).isInstanceOf(InvalidCursor.class);
    }

    @Test
    void aCursorOfAnotherListFilterOrCallerIsRefused() {
        String cursor = cursors.encode(reviews, Map.of("t", "2026-01-01 00:00:00+00", "u", SUB));
        assertThatThrownBy(() -> cursors.decode(Cursors.scope("reviews", 319L), cursor))
                .isInstanceOf(InvalidCursor.class);
        String top = cursors.encode(Cursors.scope("movies", "TOP", null, "Drama", 1990, null), Map.of("k", "4"));
        for (byte[] other : List.of(
                Cursors.scope("movies", "TOP", null, "Drama", 1990, 1999),
                Cursors.scope("movies", "TOP", null, "Comedy", 1990, null),
                Cursors.scope("movies", "POPULAR", null, "Drama", 1990, null),
                Cursors.scope("movies", "TOP", "null", "Drama", 1990, null))) {
            assertThatThrownBy(() -> cursors.decode(other, top)).isInstanceOf(InvalidCursor.class);
        }
        String mine = cursors.encode(Cursors.scope("me", "alice", null), Map.of("t", "x", "id", "1"));
        assertThatThrownBy(() -> cursors.decode(Cursors.scope("me", "bob", null), mine))
                .isInstanceOf(InvalidCursor.class);
    }

    @Test
    void aCursorMadeWithAnotherKeyIsRefused() {
        Cursors other = new Cursors(new CursorSigningKey(new byte[32]));
        String cursor = other.encode(reviews, Map.of("t", "x", "u", "y"));
        assertThatThrownBy(() -> cursors.decode(reviews, cursor)).isInstanceOf(InvalidCursor.class);
    }

    @Test
    void theKeyMustBeLongEnoughAndComeFromExactlyOneSetting() {
        String good = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(CursorSigningKey.configured(good, "", null).bytes()).hasSize(32);
        assertThatThrownBy(() -> CursorSigningKey.configured("", "", null)).hasMessageContaining("CURSOR_SIGNING_KEY");
        assertThatThrownBy(
                        () -> CursorSigningKey.configured(Base64.getEncoder().encodeToString(new byte[31]), "", null))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> CursorSigningKey.configured("not base64!", "", null))
                .hasMessageContaining("not base64")
                .hasMessageNotContaining("not base64!");
        assertThat(KEY.toString()).doesNotContain("kkkk");
    }
}
