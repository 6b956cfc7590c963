@NullMarked
package dev.movieratings.projection.application;

import org.jspecify.annotations.NullMarked;
