@NullMarked
package dev.movieratings.rating.projection;

import org.jspecify.annotations.NullMarked;
