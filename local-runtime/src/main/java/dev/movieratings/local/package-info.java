@NullMarked
package dev.movieratings.local;

import org.jspecify.annotations.NullMarked;
