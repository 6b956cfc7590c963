package dev.movieratings.rating.helpful;

import java.util.UUID;

/** A current review of a film, as the command finds it by its id in the personal store: its id and author. */
public record ReviewToVoteOn(UUID reviewId, long movieId, String author) {}
