@NullMarked
package dev.movieratings.local.signin;

import org.jspecify.annotations.NullMarked;
