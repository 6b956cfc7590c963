package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 64 clients rate one movie at once — new ratings, changes, retractions — and the score stays exact. */
class ConcurrentRatingsIntegrationTest {

    private static final Path DATA =
            Path.of("target", "local-runtime-concurrency").toAbsolutePath();
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 5, 500));
        client = new LocalRuntimeClient(runtime);
        client.jdbc()
                .sql("insert into movies (movie_id, title, genres) values (7, 'Seven Samurai', '{Action}')")
                .update();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void sixtyFourThreadsRatingOneMovieLeaveAnExactScore() throws Exception {
        RatingModel model = new RatingModel();
        CyclicBarrier together = new CyclicBarrier(64);
        ExecutorService threads = Executors.newFixedThreadPool(64);
        List<Future<Long>> lastPositions = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            int thread = t;
            lastPositions.add(threads.submit(() -> {
                Random random = new Random(thread);
                String user = "concurrent-" + thread;
                String token = client.token(user);
                together.await();
                long last = 0;
                for (int i = 0; i < 8; i++) {
                    boolean withdraw = model.hasRating("local-" + user, 7) && random.nextInt(4) == 0;
                    BigDecimal stars = BigDecimal.valueOf(1 + random.nextInt(10), 0)
                            .divide(BigDecimal.valueOf(2))
                            .setScale(1);
                    HttpResponse<String> response = withdraw
                            ? client.send("DELETE", "/api/movies/7/rating", token, null)
                            : client.send("PUT", "/api/movies/7/rating", token, "{\"stars\":" + stars + "}");
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                    if (withdraw) {
                        model.withdrew("local-" + user, 7);
                    } else {
                        model.rated("local-" + user, 7, stars);
                    }
                    last = Math.max(
                            last,
                            LocalRuntimeClient.JSON
                                    .readTree(response.body())
                                    .get("position")
                                    .asLong());
                }
                return last;
            }));
        }
        long highest = 0;
        for (Future<Long> position : lastPositions) {
            highest = Math.max(highest, position.get());
        }
        threads.shutdown();

        client.awaitProjection("/api/movies/7", highest);

        assertThat(RatingModel.projectedScore(client, 7)).isEqualTo(model.expectedScore(7));
        assertThat(client.jdbc()
                        .sql("select count(*) from rating_events")
                        .query(Long.class)
                        .single())
                .isEqualTo(64L * 8);
        assertThat(client.getJson("/api/movies/7").get("ratingCount").asLong()).isEqualTo(model.currentRatings());
    }
}
