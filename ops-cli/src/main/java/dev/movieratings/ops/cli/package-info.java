@NullMarked
package dev.movieratings.ops.cli;

import org.jspecify.annotations.NullMarked;
