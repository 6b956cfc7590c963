@NullMarked
package dev.movieratings.rating.profile;

import org.jspecify.annotations.NullMarked;
