package dev.movieratings.local.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimitTest {

    private final AtomicLong now = new AtomicLong();
    private final ClientRateLimit limit = new ClientRateLimit(new ClientRateLimit.Limit(3, 0.5), now::get);

    @Test
    void aClientGetsItsBurstThenWaitsForTheRefillAndOthersAreNotHeldUp() {
        for (int i = 0; i < 3; i++) {
            assertThat(limit.secondsToWait("192.0.2.1")).isZero();
        }
        assertThat(limit.secondsToWait("192.0.2.1")).isEqualTo(2);
        assertThat(limit.secondsToWait("192.0.2.2")).isZero();

        now.addAndGet(1_000_000_000L);
        assertThat(limit.secondsToWait("192.0.2.1"))
                .as("half a token after 1 s")
                .isEqualTo(1);
        now.addAndGet(1_000_000_000L);
        assertThat(limit.secondsToWait("192.0.2.1")).isZero();
        assertThat(limit.secondsToWait("192.0.2.1")).isEqualTo(2);
    }

    @Test
    void idleClientsAreForgottenOnceManyAreTracked() {
        for (int i = 0; i <= ClientRateLimit.MAX_TRACKED_CLIENTS + 1; i++) {
            limit.secondsToWait("client-" + i);
        }
        assertThat(limit.trackedClients()).isGreaterThan(ClientRateLimit.MAX_TRACKED_CLIENTS);
        now.addAndGet(60_000_000_000L);
        assertThat(limit.secondsToWait("one more")).isZero();
        assertThat(limit.trackedClients()).isEqualTo(1);
    }

    @Test
    void noLimitLetsEverythingThrough() {
        ClientRateLimit none = new ClientRateLimit(ClientRateLimit.Limit.NONE, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(none.secondsToWait("192.0.2.1")).isZero();
        }
    }
}
