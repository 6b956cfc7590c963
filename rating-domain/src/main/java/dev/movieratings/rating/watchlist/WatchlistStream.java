package dev.movieratings.rating.watchlist;

/**
 * What the command side knows of one (user, movie) watchlist stream before deciding: its last version (0 for
 * a new stream), whether its latest event listed the film, and whether a rating was submitted after that event.
 */
public record WatchlistStream(String userId, long movieId, int version, boolean listed, boolean ratedAfter) {

    /** The film is on the list: the latest event listed it and no rating came after (the projection's rule). */
    public boolean onList() {
        return listed && !ratedAfter;
    }
}
