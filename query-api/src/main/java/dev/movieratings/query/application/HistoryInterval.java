package dev.movieratings.query.application;

import java.util.Optional;

/** How finely a score history is told: a point per UTC day, or per month, each as of the period's end. */
public enum HistoryInterval {
    DAY,
    MONTH;

    public static Optional<HistoryInterval> parse(String value) {
        return switch (value) {
            case "day" -> Optional.of(DAY);
            case "month" -> Optional.of(MONTH);
            default -> Optional.empty();
        };
    }
}
