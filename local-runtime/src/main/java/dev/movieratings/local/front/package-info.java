@NullMarked
package dev.movieratings.local.front;

import org.jspecify.annotations.NullMarked;
