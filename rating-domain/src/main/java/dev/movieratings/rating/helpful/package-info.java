/**
 * Helpful reviews (issue 20): the command's decisions over a voter's helpful stream for a film, and the fold of
 * the votes that verify compares with the projection.
 */
@NullMarked
package dev.movieratings.rating.helpful;

import org.jspecify.annotations.NullMarked;
