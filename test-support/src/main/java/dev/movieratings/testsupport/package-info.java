@NullMarked
package dev.movieratings.testsupport;

import org.jspecify.annotations.NullMarked;
