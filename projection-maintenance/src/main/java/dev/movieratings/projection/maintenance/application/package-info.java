@NullMarked
package dev.movieratings.projection.maintenance.application;

import org.jspecify.annotations.NullMarked;
