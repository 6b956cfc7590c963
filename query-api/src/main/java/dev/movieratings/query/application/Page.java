package dev.movieratings.query.application;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of results and the opaque cursor of the next one (null on the last page). */
public record Page<T>(List<T> items, @Nullable String nextCursor) {}
