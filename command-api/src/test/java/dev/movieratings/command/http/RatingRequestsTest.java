package dev.movieratings.command.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The edges of what an Idempotency-Key may be: 1 to 255 visible ASCII characters, '!' to '~'. */
class RatingRequestsTest {

    private static HttpRequest withKey(String key) {
        return new HttpRequest(APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("idempotency-key", key))
                .build());
    }

    @Test
    void noHeaderIsNoKey() {
        assertThat(RatingRequests.idempotencyKey(new HttpRequest(
                        APIGatewayV2HTTPEvent.builder().withHeaders(Map.of()).build())))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"!", "~", "a-Key_1.2~!"})
    void theFirstAndLastVisibleAsciiCharactersAreAccepted(String key) {
        assertThat(RatingRequests.idempotencyKey(withKey(key))).isEqualTo(key);
    }

    @Test
    void twoHundredFiftyFiveCharactersFitAndOneMoreDoesNot() {
        String longest = "k".repeat(RatingRequests.MAX_IDEMPOTENCY_KEY_LENGTH);

        assertThat(RatingRequests.idempotencyKey(withKey(longest))).isEqualTo(longest);
        assertThatThrownBy(() -> RatingRequests.idempotencyKey(withKey(longest + "k")))
                .isInstanceOf(BadRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "del\u007f", "tab\t", "caf\u00e9"})
    void emptyOrInvisibleOrNonAsciiKeysAreRefused(String key) {
        assertThatThrownBy(() -> RatingRequests.idempotencyKey(withKey(key)))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("1 to 255 visible ASCII characters");
    }
}
