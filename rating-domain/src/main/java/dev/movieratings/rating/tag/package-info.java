/** Tags (issue 19): a tag's text rules, and the fold of the tag streams that verify and the tests use. */
@NullMarked
package dev.movieratings.rating.tag;

import org.jspecify.annotations.NullMarked;
