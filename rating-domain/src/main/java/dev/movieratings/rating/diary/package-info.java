/** The diary's rules: when a viewing may be dated, its note, the entries of a stream, and their projection. */
@NullMarked
package dev.movieratings.rating.diary;

import org.jspecify.annotations.NullMarked;
