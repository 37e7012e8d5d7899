package io.llmrouter.streams.internal.keys;

/**
 * What the key ledger reserved for one request until its usage event settles it.
 *
 * @param keyId      the virtual key's id
 * @param tokens     estimated prompt plus completion tokens
 * @param usd        estimated cost
 * @param reservedAt epoch milliseconds of the reservation
 */
public record KeyReservation(String keyId, long tokens, double usd, long reservedAt) {
}
