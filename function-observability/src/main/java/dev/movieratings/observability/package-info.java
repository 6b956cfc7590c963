@NullMarked
package dev.movieratings.observability;

import org.jspecify.annotations.NullMarked;
