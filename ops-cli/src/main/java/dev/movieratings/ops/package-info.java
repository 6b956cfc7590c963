@NullMarked
package dev.movieratings.ops;

import org.jspecify.annotations.NullMarked;
