@NullMarked
package dev.movieratings.projection.sqs;

import org.jspecify.annotations.NullMarked;
