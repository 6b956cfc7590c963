@NullMarked
package dev.movieratings.credentials;

import org.jspecify.annotations.NullMarked;
