@NullMarked
package dev.movieratings.projection.infrastructure;

import org.jspecify.annotations.NullMarked;
