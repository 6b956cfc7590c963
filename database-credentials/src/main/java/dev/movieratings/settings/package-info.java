@NullMarked
package dev.movieratings.settings;

import org.jspecify.annotations.NullMarked;
