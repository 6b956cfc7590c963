package dev.movieratings.rating.diary;

import dev.movieratings.rating.InvalidRating;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The day a viewing happened: an ISO calendar date (yyyy-MM-dd, nothing else), from 1870-01-01 (the
 * first moving pictures are from the late 1870s) to today. "Today" is the date in UTC+14, the earliest
 * time zone on Earth, so nobody anywhere is told that their today is in the future; the price is that a
 * date up to 14 hours ahead of someone's own clock is accepted.
 */
public final class WatchedOn {

    public static final LocalDate EARLIEST = LocalDate.of(1870, 1, 1);
    /** The zone whose date is "today" for the rule. */
    public static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(14);

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private WatchedOn() {}

    /** The latest day a viewing may be dated now. */
    public static LocalDate latest(Clock clock) {
        return LocalDate.now(clock.withZone(LATEST_ZONE));
    }

    /** @throws InvalidRating naming field {@code watchedOn} when the text is not a date in range */
    public static LocalDate parse(String text, Clock clock) {
        if (text.length() != 10 || !ISO_DATE.matcher(text).matches()) {
            throw new InvalidRating("watchedOn", "watchedOn must be a date written yyyy-MM-dd");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRating("watchedOn", "watchedOn is not a day of the calendar");
        }
        return check(date, clock);
    }

    /** @throws InvalidRating when the date is before 1870-01-01 or after today in UTC+14 */
    public static LocalDate check(LocalDate date, Clock clock) {
        if (date.isBefore(EARLIEST)) {
            throw new InvalidRating("watchedOn", "watchedOn may not be before " + EARLIEST);
        }
        LocalDate latest = latest(clock);
        if (date.isAfter(latest)) {
            throw new InvalidRating("watchedOn", "watchedOn may not be in the future (latest today: " + latest + ")");
        }
        return date;
    }
}
