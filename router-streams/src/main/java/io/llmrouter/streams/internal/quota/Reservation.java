package io.llmrouter.streams.internal.quota;

/**
 * What the ledger reserved for one request until its usage event settles it.
 *
 * @param provider   provider id
 * @param model      model name
 * @param tokens     estimated prompt plus completion tokens
 * @param usd        estimated cost
 * @param reservedAt epoch milliseconds of the reservation
 */
public record Reservation(String provider, String model, long tokens, double usd, long reservedAt) {
}
