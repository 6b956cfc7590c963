@NullMarked
package dev.movieratings.command.http;

import org.jspecify.annotations.NullMarked;
