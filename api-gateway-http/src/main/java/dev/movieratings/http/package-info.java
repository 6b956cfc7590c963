@NullMarked
package dev.movieratings.http;

import org.jspecify.annotations.NullMarked;
