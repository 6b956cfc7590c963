@NullMarked
package dev.movieratings.projection;

import org.jspecify.annotations.NullMarked;
