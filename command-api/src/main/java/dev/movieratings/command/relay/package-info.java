@NullMarked
package dev.movieratings.command.relay;

import org.jspecify.annotations.NullMarked;
