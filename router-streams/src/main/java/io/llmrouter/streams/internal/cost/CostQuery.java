package io.llmrouter.streams.internal.cost;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Answers {@code GET /costs?by=provider|model|priority|key&window=minute|day|month[&at=<instant>]} from the cost
 * stores of this instance. The store view spans every task of the instance, and a priority's or key's totals are
 * partial per task, so the rows are summed here. With several streams instances each answers for the partitions it
 * holds; as each partition is active on exactly one instance, the sum of all instances' answers is the total.
 */
public final class CostQuery {

    /** One group's totals. */
    public record Row(String group, CostTotals totals) {
    }

    /** An HTTP answer: status and JSON body. */
    public record Answer(int status, byte[] body) {
    }

    private final Function<CostWindow, ReadOnlyWindowStore<String, byte[]>> stores;
    private final Clock clock;

    /**
     * A query over the given stores.
     *
     * @param stores the queryable store of each window kind
     * @param clock  what "now" is when the caller names no instant
     */
    public CostQuery(Function<CostWindow, ReadOnlyWindowStore<String, byte[]>> stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    /** The totals of every group of a dimension in the window that holds {@code at}, groups in name order. */
    public List<Row> totals(CostDimension by, CostWindow window, Instant at) {
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
        List<Row> rows = new ArrayList<>();
        sums.forEach((group, totals) -> rows.add(new Row(group, totals)));
        return rows;
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
        List<Row> rows;
        try {
            rows = totals(by.get(), window.get(), at);
        } catch (InvalidStateStoreException e) {
            return problem(503, "the cost stores are not queryable now (starting or rebalancing); try again");
        }
        Instant start = window.get().startOf(at.toEpochMilli());
        ObjectNode body = WireFormat.mapper().createObjectNode()
                .put("by", by.get().label())
                .put("window", window.get().label())
                .put("start", start.toString())
                .put("end", window.get().endOf(start).toString())
                .put("scope", "the partitions of llm.usage this streams instance holds");
        ArrayNode out = body.putArray("totals");
        rows.forEach(row -> out.addObject()
                .put("group", row.group())
                .put("requests", row.totals().requests())
                .put("prompt_tokens", row.totals().promptTokens())
                .put("completion_tokens", row.totals().completionTokens())
                .put("cost_usd", row.totals().costUsd())
                .put("cache_hits", row.totals().cacheHits()));
        return new Answer(200, WireFormat.toBytes(body));
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
