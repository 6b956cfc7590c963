@NullMarked
package dev.movieratings.ops.pipeline;

import org.jspecify.annotations.NullMarked;
