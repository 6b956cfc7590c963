@NullMarked
package dev.movieratings.query.infrastructure;

import org.jspecify.annotations.NullMarked;
