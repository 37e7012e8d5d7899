package io.llmrouter.streams.internal.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Tokens and USD spent in one calendar window (a UTC day or month), as stored in the ledger.
 *
 * @param window the window's number: epoch day, or months since January 1970
 * @param tokens tokens spent in it
 * @param usd    USD spent in it
 */
public record Budget(long window, long tokens, double usd) {

    /** The two budget windows. */
    public enum Period {
        DAY("day"), MONTH("month");

        private final String label;

        Period(String label) {
            this.label = label;
        }

        /** The window that holds {@code epochMillis}. */
        public long windowOf(long epochMillis) {
            LocalDate date = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
            return this == DAY ? date.toEpochDay() : (date.getYear() - 1970L) * 12 + date.getMonthValue() - 1;
        }

        /** When the window after {@code window} starts. */
        public Instant nextStart(long window) {
            if (this == DAY) {
                return LocalDate.ofEpochDay(window + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            long next = window + 1;
            return LocalDate.of((int) (1970 + next / 12), (int) (next % 12) + 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** {@code day} or {@code month}. */
        public String label() {
            return label;
        }
    }

    /** An empty budget for the window of {@code now}. */
    public static Budget empty(Period period, long now) {
        return new Budget(period.windowOf(now), 0, 0.0);
    }

    /** This budget as it stands at {@code now}: emptied when a new window has begun. */
    public Budget current(Period period, long now) {
        long at = period.windowOf(now);
        return at == window ? this : new Budget(at, 0, 0.0);
    }

    /** The budget with more spent (or, for a negative correction, less). */
    public Budget plus(long moreTokens, double moreUsd) {
        return new Budget(window, tokens + moreTokens, usd + moreUsd);
    }
}
