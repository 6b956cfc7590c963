@NullMarked
package dev.movieratings.rating;

import org.jspecify.annotations.NullMarked;
