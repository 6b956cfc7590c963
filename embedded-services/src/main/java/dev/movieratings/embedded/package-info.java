@NullMarked
package dev.movieratings.embedded;

import org.jspecify.annotations.NullMarked;
