@NullMarked
package dev.movieratings.query.http;

import org.jspecify.annotations.NullMarked;
