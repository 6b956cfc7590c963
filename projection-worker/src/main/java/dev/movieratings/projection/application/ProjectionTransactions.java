package dev.movieratings.projection.application;

import java.util.function.Supplier;

/** Runs a piece of work in one database transaction: committed whole, or rolled back whole. */
public interface ProjectionTransactions {

    <T> T inTransaction(Supplier<T> work);
}
