package io.llmrouter.schemas;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A worker's view of one deployment's health, published on {@link Topics#HEALTH}.
 *
 * @param provider         provider id
 * @param model            model name
 * @param timestamp        epoch milliseconds of the observation
 * @param breakerState     {@code closed}, {@code open} or {@code half_open}
 * @param latencyMs        recent upstream latency (moving average)
 * @param errorRate        share of recent calls that failed, 0 to 1
 * @param rateLimitedRate  share of recent calls answered 429, 0 to 1
 * @param inFlight         calls under way now
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HealthEvent(String provider, String model, long timestamp, String breakerState, double latencyMs,
                          double errorRate, double rateLimitedRate, int inFlight) {
}
