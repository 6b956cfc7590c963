@NullMarked
package dev.movieratings.events;

import org.jspecify.annotations.NullMarked;
