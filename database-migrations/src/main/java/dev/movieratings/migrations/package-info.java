@NullMarked
package dev.movieratings.migrations;

import org.jspecify.annotations.NullMarked;
