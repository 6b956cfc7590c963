@NullMarked
package dev.movieratings.local.seed;

import org.jspecify.annotations.NullMarked;
