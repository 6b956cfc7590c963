/** The watchlist (issue 20): the command's decisions over a person's watchlist stream, and the list's fold. */
@NullMarked
package dev.movieratings.rating.watchlist;

import org.jspecify.annotations.NullMarked;
