@NullMarked
package dev.movieratings.query.application;

import org.jspecify.annotations.NullMarked;
