package io.llmrouter.streams.internal.cost;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Answers {@code GET /costs?by=provider|model|priority|key&window=minute|day|month[&at=<instant>][&scope=local]}.
 * The store view spans every task of this instance, and a priority's or key's totals are partial per task, so the
 * rows are summed here. Then, unless {@code scope=local}, the same question goes to every other streams instance
 * that hosts the stores (with {@code scope=local}) and their rows are added: each partition is active on exactly
 * one instance, so the sum is the total. An instance that does not answer is listed as {@code unreachable}.
 */
public final class CostQuery {

    /** One group's totals. */
    public record Row(String group, CostTotals totals) {
    }

    /** An HTTP answer: status and JSON body. */
    public record Answer(int status, byte[] body) {
    }

    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);

    private final Function<CostWindow, ReadOnlyWindowStore<String, byte[]>> stores;
    private final Clock clock;
    private final Supplier<List<URI>> peers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();

    /**
     * A query over the given stores of this instance only.
     *
     * @param stores the queryable store of each window kind
     * @param clock  what "now" is when the caller names no instant
     */
    public CostQuery(Function<CostWindow, ReadOnlyWindowStore<String, byte[]>> stores, Clock clock) {
        this(stores, clock, List::of);
    }

    /**
     * A query over the given stores and those of the other streams instances.
     *
     * @param peers the base URLs of the other instances' {@code GET /costs}, as the streams metadata knows them
     */
    public CostQuery(Function<CostWindow, ReadOnlyWindowStore<String, byte[]>> stores, Clock clock,
                     Supplier<List<URI>> peers) {
        this.stores = stores;
        this.clock = clock;
        this.peers = peers;
    }

    /** The totals of every group of a dimension in the window that holds {@code at}, groups in name order. */
    public List<Row> totals(CostDimension by, CostWindow window, Instant at) {
        List<Row> rows = new ArrayList<>();
        localSums(by, window, at).forEach((group, totals) -> rows.add(new Row(group, totals)));
        return rows;
    }

    private Map<String, CostTotals> localSums(CostDimension by, CostWindow window, Instant at) {
        long start = window.startOf(at.toEpochMilli()).toEpochMilli();
        Map<String, CostTotals> sums = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, byte[]> all = stores.apply(window)
                .fetchAll(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start))) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, byte[]> next = all.next();
                by.groupOfKey(next.key.key()).ifPresent(group -> sums.merge(group,
                        CostTotals.fromBytes(next.value), CostTotals::plus));
            }
        }
        return sums;
    }

    /** The answer to a query string such as {@code by=model&window=day}. */
    public Answer answer(String rawQuery) {
        Map<String, String> params = params(rawQuery);
        Optional<CostDimension> by = CostDimension.parse(params.getOrDefault("by", "provider"));
        Optional<CostWindow> window = CostWindow.parse(params.getOrDefault("window", "day"));
        if (by.isEmpty() || window.isEmpty()) {
            return problem(400, "by must be provider, model, priority or key; window must be minute, day or month");
        }
        Instant at;
        try {
            at = params.containsKey("at") ? Instant.parse(params.get("at")) : clock.instant();
        } catch (DateTimeParseException e) {
            return problem(400, "at must be an instant such as 2025-01-15T10:00:00Z");
        }
        Map<String, CostTotals> sums;
        try {
            sums = localSums(by.get(), window.get(), at);
        } catch (InvalidStateStoreException e) {
            return problem(503, "the cost stores are not queryable now (starting or rebalancing); try again");
        }
        Instant start = window.get().startOf(at.toEpochMilli());
        boolean everywhere = !"local".equals(params.get("scope"));
        int instances = 1;
        List<String> unreachable = new ArrayList<>();
        if (everywhere) {
            String query = "by=" + by.get().label() + "&window=" + window.get().label() + "&at=" + start + "&scope=local";
            for (URI peer : peers.get()) {
                try {
                    addRows(sums, fetch(peer.resolve("/costs?" + query)));
                    instances++;
                } catch (IOException | RuntimeException e) {
                    unreachable.add(peer.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    unreachable.add(peer.toString());
                }
            }
        }
        ObjectNode body = WireFormat.mapper().createObjectNode()
                .put("by", by.get().label())
                .put("window", window.get().label())
                .put("start", start.toString())
                .put("end", window.get().endOf(start).toString())
                .put("scope", everywhere ? "all" : "local")
                .put("instances", instances);
        if (!unreachable.isEmpty()) {
            unreachable.forEach(body.putArray("unreachable")::add);
        }
        ArrayNode out = body.putArray("totals");
        sums.forEach((group, totals) -> out.addObject()
                .put("group", group)
                .put("requests", totals.requests())
                .put("prompt_tokens", totals.promptTokens())
                .put("completion_tokens", totals.completionTokens())
                .put("cost_usd", totals.costUsd())
                .put("cache_hits", totals.cacheHits()));
        return new Answer(200, WireFormat.toBytes(body));
    }

    private JsonNode fetch(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(PEER_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return WireFormat.mapper().readTree(response.body());
    }

    /** Adds another instance's rows: each partition is active on one instance, so nothing is counted twice. */
    private static void addRows(Map<String, CostTotals> sums, JsonNode answer) {
        answer.path("totals").forEach(row -> sums.merge(row.path("group").asText(), new CostTotals(
                row.path("requests").asLong(), row.path("prompt_tokens").asLong(),
                row.path("completion_tokens").asLong(), row.path("cost_usd").asDouble(),
                row.path("cache_hits").asLong()), CostTotals::plus));
    }

    private static Answer problem(int status, String message) {
        ObjectNode body = WireFormat.mapper().createObjectNode();
        body.putObject("error").put("message", message);
        return new Answer(status, WireFormat.toBytes(body));
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
