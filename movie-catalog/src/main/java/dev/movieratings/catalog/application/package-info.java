@NullMarked
package dev.movieratings.catalog.application;

import org.jspecify.annotations.NullMarked;
