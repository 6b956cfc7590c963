@NullMarked
package dev.movieratings.events.json;

import org.jspecify.annotations.NullMarked;
