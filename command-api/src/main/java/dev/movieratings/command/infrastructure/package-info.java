@NullMarked
package dev.movieratings.command.infrastructure;

import org.jspecify.annotations.NullMarked;
