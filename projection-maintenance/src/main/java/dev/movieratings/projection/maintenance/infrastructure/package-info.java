@NullMarked
package dev.movieratings.projection.maintenance.infrastructure;

import org.jspecify.annotations.NullMarked;
