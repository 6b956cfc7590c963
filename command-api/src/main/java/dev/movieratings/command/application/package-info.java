@NullMarked
package dev.movieratings.command.application;

import org.jspecify.annotations.NullMarked;
