package io.llmrouter.streams.internal.cost;

import java.util.EnumMap;
import java.util.Map;

import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.SpendStats;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums {@code llm.usage} into the cost stores: per provider, model, priority and virtual key, over the minute, day and
 * month of each event's own timestamp (so a replay or a late event lands in the window it belongs to). The topic is
 * keyed by provider, so each task holds the whole of its providers' and models' totals and a partial sum of each
 * priority's and key's; a query adds up the partials of every task (see {@link CostQuery}).
 */
public final class CostAggregator implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CostAggregator.class);

    private final SpendStats stats;
    private final Map<CostWindow, WindowStore<String, byte[]>> stores = new EnumMap<>(CostWindow.class);

    public CostAggregator(SpendStats stats) {
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        for (CostWindow window : CostWindow.values()) {
            stores.put(window, context.getStateStore(window.storeName()));
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        UsageEvent usage;
        try {
            usage = WireFormat.fromBytes(record.value(), UsageEvent.class);
        } catch (WireFormat.WireFormatException e) {
            LOG.warn("Cost aggregates skip a usage event they cannot read: {}", e.getMessage());
            return;
        }
        long at = usage.timestamp() > 0 ? usage.timestamp() : record.timestamp();
        stores.forEach((window, store) -> {
            long start = window.startOf(at).toEpochMilli();
            for (CostDimension dimension : CostDimension.values()) {
                String key = dimension.storeKey(dimension.groupOf(usage));
                byte[] held = store.fetch(key, start);
                CostTotals totals = held == null ? CostTotals.NONE : CostTotals.fromBytes(held);
                store.put(key, totals.plus(usage).toBytes(), start);
            }
        });
        stats.countUsage(usage);
    }
}
