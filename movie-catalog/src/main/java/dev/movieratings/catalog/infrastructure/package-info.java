@NullMarked
package dev.movieratings.catalog.infrastructure;

import org.jspecify.annotations.NullMarked;
