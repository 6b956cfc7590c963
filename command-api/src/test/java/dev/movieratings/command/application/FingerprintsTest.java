package dev.movieratings.command.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kept fingerprint is keyed by its person's request key: without the key it says nothing of the request. */
class FingerprintsTest {

    private final Map<String, byte[]> keys = new HashMap<>();
    private final Fingerprints fingerprints = new Fingerprints(keys::get);

    @Test
    void theSameRequestOfTwoPeopleHasTwoFingerprintsAndNeitherIsTheBareDigest() {
        keys.put("alice", key(1));
        keys.put("bob", key(2));
        String digest = Fingerprints.digest("submit", 318, "4.5", "my secret review", false);

        String alices = fingerprints.onFirstUse("alice", "key-1", digest).get();
        String bobs = fingerprints.onFirstUse("bob", "key-1", digest).get();

        assertThat(alices).isNotEqualTo(bobs).isNotEqualTo(digest).hasSize(64);
        assertThat(fingerprints.onFirstUse("alice", "key-2", digest).get())
                .as("the same request again")
                .isEqualTo(alices);
    }

    @Test
    void aNewKeyMakesEveryEarlierFingerprintUnrecognisable() {
        keys.put("alice", key(1));
        String digest = Fingerprints.digest("submit", 318, "4.5", "my secret review", false);
        String before = fingerprints.onFirstUse("alice", "key-1", digest).get();

        keys.put("alice", key(3));

        assertThat(fingerprints.onFirstUse("alice", "key-1", digest).get()).isNotEqualTo(before);
    }

    @Test
    void aRequestWithoutAnIdempotencyKeyKeepsNoFingerprint() {
        keys.put("alice", key(1));

        assertThat(fingerprints
                        .onFirstUse("alice", null, Fingerprints.digest("retract", 318))
                        .get())
                .isNull();
    }

    @Test
    void partsThatRunTogetherStillMakeDifferentDigests() {
        assertThat(Fingerprints.digest("ab", "c")).isNotEqualTo(Fingerprints.digest("a", "bc"));
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        return key;
    }
}
