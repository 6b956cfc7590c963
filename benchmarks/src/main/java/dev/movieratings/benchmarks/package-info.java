@NullMarked
package dev.movieratings.benchmarks;

import org.jspecify.annotations.NullMarked;
