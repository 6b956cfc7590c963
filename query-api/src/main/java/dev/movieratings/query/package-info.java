@NullMarked
package dev.movieratings.query;

import org.jspecify.annotations.NullMarked;
