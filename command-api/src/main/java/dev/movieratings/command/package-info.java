@NullMarked
package dev.movieratings.command;

import org.jspecify.annotations.NullMarked;
