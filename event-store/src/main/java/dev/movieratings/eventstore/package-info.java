@NullMarked
package dev.movieratings.eventstore;

import org.jspecify.annotations.NullMarked;
