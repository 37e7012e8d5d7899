package io.llmrouter.streams.internal.cost;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The calendar windows usage is summed over (UTC), each in a window store of its own that keeps past windows for a
 * while: minutes for a day, days for two months, months for two years.
 */
public enum CostWindow {
    MINUTE(Duration.ofMinutes(1), Duration.ofDays(1)),
    DAY(Duration.ofDays(1), Duration.ofDays(62)),
    MONTH(Duration.ofDays(31), Duration.ofDays(731));

    private final Duration size;
    private final Duration retention;

    CostWindow(Duration size, Duration retention) {
        this.size = size;
        this.retention = retention;
    }

    /** {@code minute}, {@code day} or {@code month}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of this window's state store, e.g. {@code cost-day}. */
    public String storeName() {
        return "cost-" + label();
    }

    /** The longest this window lasts; a month store needs a fixed size, so 31 days. */
    public Duration size() {
        return size;
    }

    /** How long past windows stay queryable. */
    public Duration retention() {
        return retention;
    }

    /** Where the window holding {@code epochMillis} starts. */
    public Instant startOf(long epochMillis) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        return switch (this) {
            case MINUTE -> at.truncatedTo(ChronoUnit.MINUTES).toInstant();
            case DAY -> at.truncatedTo(ChronoUnit.DAYS).toInstant();
            case MONTH -> at.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
        };
    }

    /** Where the window starting at {@code start} ends (the next one's start). */
    public Instant endOf(Instant start) {
        ZonedDateTime at = start.atZone(ZoneOffset.UTC);
        return switch (this) {
            case MINUTE -> at.plusMinutes(1).toInstant();
            case DAY -> at.plusDays(1).toInstant();
            case MONTH -> at.plusMonths(1).toInstant();
        };
    }

    /** The window with this label, if any. */
    public static Optional<CostWindow> parse(String label) {
        return Arrays.stream(values()).filter(w -> w.label().equals(label)).findFirst();
    }
}
