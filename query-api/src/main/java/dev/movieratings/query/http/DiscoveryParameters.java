package dev.movieratings.query.http;

import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.Problem;
import dev.movieratings.query.application.HistoryInterval;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** The discovery reads' parameters, checked by shape before anything is parsed (no value can overflow). */
final class DiscoveryParameters {

    /** Nobody rated a film on this project before this day; earlier dates are typing mistakes. */
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private DiscoveryParameters() {}

    static final int SIMILAR_DEFAULT = 10;
    static final int SIMILAR_MAX = 50;

    /** {@code limit} of similar movies: 10 unless asked, clamped to 1–50 as list limits are clamped. */
    static int similarLimit(HttpRequest request) {
        Optional<String> raw = request.queryParameter("limit");
        if (raw.isEmpty()) {
            return SIMILAR_DEFAULT;
        }
        // at most nine digits: an int holds it, so nothing is parsed that could overflow
        if (!raw.get().matches("-?[0-9]{1,9}")) {
            throw invalid("limit", "limit must be a whole number (1 to " + SIMILAR_MAX + ")");
        }
        return Math.max(1, Math.min(SIMILAR_MAX, Integer.parseInt(raw.get())));
    }

    /** {@code interval=month} (the default) or {@code interval=day}. */
    static HistoryInterval interval(HttpRequest request) {
        return request.queryParameter("interval")
                .map(value -> HistoryInterval.parse(value)
                        .orElseThrow(() -> invalid("interval", "interval must be month or day")))
                .orElse(HistoryInterval.MONTH);
    }

    /** {@code asOf=YYYY-MM-DD}, a real calendar day from 1900-01-01 to today (UTC); empty when not asked. */
    static Optional<LocalDate> asOf(HttpRequest request) {
        Optional<String> raw = request.queryParameter("asOf");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String detail = "asOf must be a date like 2005-12-31, from " + EARLIEST + " to today (UTC)";
        if (!raw.get().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw invalid("asOf", detail);
        }
        LocalDate day;
        try {
            day = LocalDate.parse(raw.get());
        } catch (DateTimeException e) {
            throw invalid("asOf", detail);
        }
        if (day.isBefore(EARLIEST) || day.isAfter(LocalDate.now(ZoneOffset.UTC))) {
            throw invalid("asOf", detail);
        }
        return Optional.of(day);
    }

    static BadRequest invalid(String parameter, String detail) {
        return new BadRequest(Problem.invalidParameter(parameter, detail));
    }
}
