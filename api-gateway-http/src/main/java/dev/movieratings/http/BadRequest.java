package dev.movieratings.http;

/** Thrown while reading a request to answer it with a problem instead of going on. */
public class BadRequest extends RuntimeException {

    private final Problem problem;

    public BadRequest(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
