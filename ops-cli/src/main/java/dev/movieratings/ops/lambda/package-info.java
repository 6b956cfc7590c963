@NullMarked
package dev.movieratings.ops.lambda;

import org.jspecify.annotations.NullMarked;
