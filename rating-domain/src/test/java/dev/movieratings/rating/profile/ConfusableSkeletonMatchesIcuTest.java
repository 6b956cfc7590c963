package dev.movieratings.rating.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table-driven skeleton against ICU4J's SpoofChecker, the reference implementation of UTS #39. */
class ConfusableSkeletonMatchesIcuTest {

    private static final SpoofChecker ICU = new SpoofChecker.Builder().build();

    @Test
    void everyCodePointTheRuntimeKnowsHasIcusSkeleton() {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (!Character.isDefined(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            String text = new String(Character.toChars(codePoint));
            compared++;
            if (!ConfusableSkeleton.of(text).equals(ICU.getSkeleton(text))) {
                differences.add(String.format("U+%04X", codePoint));
            }
        }
        assertThat(compared).isGreaterThan(140_000);
        assertThat(differences).isEmpty();
        assertThat(ConfusableSkeleton.size()).isGreaterThan(9_000);
    }

    @Test
    void stringsMixingConfusablesMarksAndDecomposedLettersHaveIcusSkeleton() {
        int[] pool = {
            'a', 'l', 'I', '1', '0', 'O', 'r', 'n', 'm', 'é', 0x0301, 0x0430, 0x0435, 0x043E, 0x0440, 0x0441, 0x03BF,
            0x0391, 0x1D00, 0xFF41, 0x2160, 0x00C5, 0x212B, 0x1E9E, 0x0131, 0x0307, 0x05D5, 0x0665, '-', '.'
        };
        Random random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                text.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            assertThat(ConfusableSkeleton.of(text.toString()))
                    .as(
                            "skeleton of %s",
                            text.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(ICU.getSkeleton(text.toString()));
        }
    }
}
