package dev.movieratings.rating.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.Review;
import dev.movieratings.rating.Stars;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserRatingTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    private static UserRating rating(@Nullable Double stars, @Nullable Review review) {
        return new UserRating("u", 7, 1, stars == null ? null : Stars.of(stars), review, AT, AT);
    }

    @ParameterizedTest
    @CsvSource({"0.5,false", "3.5,false", "4.0,true", "4.5,true", "5.0,true"})
    void fourStarsAndAboveIsLiking(double stars, boolean likes) {
        assertThat(rating(stars, null).likes()).isEqualTo(likes);
    }

    @Test
    void aWithdrawnRatingLikesNothing() {
        assertThat(rating(null, null).likes()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "     , 4.0, true",
        "     , 3.5, false",
        "4.0  , 4.5, false",
        "4.0  , 3.5, true",
        "3.0  , 4.0, true",
        "3.0  , 2.0, false",
        "4.0  ,    , true",
        "3.0  ,    , false"
    })
    void theLikesChangeWhenTheRatingCrossesFourStarsEitherWay(
            @Nullable Double before, @Nullable Double after, boolean changes) {
        UserRatingChange change =
                new UserRatingChange(before == null ? null : rating(before, null), rating(after, null));

        assertThat(change.changesLikes()).isEqualTo(changes);
    }

    @Test
    void starsAndSpoilerAsTheTablesStoreThem() {
        assertThat(rating(3.5, new Review("x", true)).starsDecimal()).isEqualByComparingTo(new BigDecimal("3.5"));
        assertThat(rating(3.5, new Review("x", true)).reviewSpoiler()).isTrue();
        assertThat(rating(3.5, new Review("x", false)).reviewSpoiler()).isFalse();
        assertThat(rating(3.5, null).reviewSpoiler()).isNull();
        assertThat(rating(null, null).starsDecimal()).isNull();
    }
}
