package io.llmrouter.streams.internal.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.llmrouter.config.QuotaConfig;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.internal.Outbound;
import io.llmrouter.streams.internal.quota.StaleReservations;
import io.llmrouter.streams.internal.quota.QuotaCheck;
import io.llmrouter.streams.internal.quota.QuotaState;
import io.llmrouter.streams.internal.quota.Quotas;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the limits of the virtual keys of its partitions: routed requests ({@code llm.keys.requests}) and their usage
 * ({@code llm.keys.usage}) are both keyed by ledger scope, so every decision about a key is taken by one task, in
 * order, however many bridges and streams instances there are. A request whose estimate fits its key's per-minute
 * buckets and monthly budget, and the global budget, is reserved and sent on (to the quota ledger when its deployment
 * has a quota, else to its work topic); otherwise its caller is answered 429 at once. Usage replaces the estimate by
 * the actual spend.
 */
public final class KeyLedger implements Processor<String, byte[], String, Outbound> {

    /** A reservation nobody settled (the call failed, or its usage was lost) keeps its estimate charged and is dropped. */
    static final Duration RESERVATION_TTL = StaleReservations.TTL;
    private static final Logger LOG = LoggerFactory.getLogger(KeyLedger.class);
    private static final String KEY = "key:";
    private static final String GLOBAL = "global";
    private static final String RESERVATION = "reservation:";

    private final VirtualKeys keys;
    private final Quotas quotas;
    private final Clock clock;
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, byte[]> store;
    private ReadOnlyKeyValueStore<String, byte[]> directory;

    public KeyLedger(VirtualKeys keys, Quotas quotas, Clock clock) {
        this.keys = keys;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.store = context.getStateStore(VirtualKeys.LEDGER_STORE);
        this.directory = context.getStateStore(VirtualKeys.DIRECTORY_STORE);
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, at -> dropStaleReservations());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        try {
            if (Topics.KEY_USAGE.equals(topic)) {
                settle(WireFormat.fromBytes(record.value(), UsageEvent.class));
            } else {
                admit(record, WireFormat.fromBytes(record.value(), LlmRequest.class));
            }
        } catch (WireFormat.WireFormatException e) {
            LOG.warn("Key ledger skips a record of {} it cannot read: {}", topic, e.getMessage());
        }
    }

    private void admit(Record<String, byte[]> record, LlmRequest request) {
        String keyId = request.hints().apiKeyId();
        String reservationKey = RESERVATION + request.requestId();
        if (store.get(reservationKey) != null) {
            // A replay after a crash, or the same request failing over to another deployment: charged once only.
            sendOn(record, request);
            return;
        }
        RouteDecision route = request.route();
        long now = clock.millis();
        long tokens = orZero(route.estimatedPromptTokens()) + orZero(route.estimatedCompletionTokens());
        double usd = route.estimatedCostUsd() == null ? 0.0 : route.estimatedCostUsd();
        QuotaConfig keyLimits = keys.limitsOf(keyId, directory);
        QuotaConfig global = keys.global();
        QuotaState keyState = state(KEY + keyId, keyLimits, now);
        QuotaState globalState = state(GLOBAL, global, now);
        String scope = "virtual key '" + keyId + "'";
        Optional<ErrorInfo> refusal = QuotaCheck.check(scope, rates(keyLimits), keyState, tokens, usd, now)
                .map(r -> ErrorInfo.overQuota("rate_limited", "Rate limit reached: " + r.describe(now),
                        Math.max(1, r.returnsAt().toEpochMilli() - now)))
                .or(() -> QuotaCheck.check(scope, budgets(keyLimits), keyState, tokens, usd, now)
                        .or(() -> QuotaCheck.check("the global budget", global, globalState, tokens, usd, now))
                        .map(r -> ErrorInfo.overQuota("budget_exceeded", "Budget exceeded: " + r.describe(now),
                                null)));
        if (refusal.isPresent()) {
            LlmReply reply = LlmReply.error(request.requestId(), refusal.get(), null,
                    new LlmReply.Timings(request.createdAt(), now, 0, now));
            context.forward(record.withKey(request.requestId()).withValue(Outbound.of(request.replyTo(), reply)));
            return;
        }
        if (keyLimits.limited()) {
            put(KEY + keyId, keyState.spend(keyLimits, 1, tokens, usd, now));
        }
        if (global.limited()) {
            put(GLOBAL, globalState.spend(global, 1, tokens, usd, now));
        }
        store.put(reservationKey, WireFormat.toBytes(new KeyReservation(keyId, tokens, usd, now)));
        sendOn(record, request);
    }

    private void sendOn(Record<String, byte[]> record, LlmRequest request) {
        String provider = request.route().provider();
        if (quotas.limits(provider, request.route().model())) {
            context.forward(record.withKey(provider).withValue(Outbound.of(Topics.QUOTA_REQUESTS, request)));
        } else {
            context.forward(record.withKey(request.requestId())
                    .withValue(Outbound.of(Topics.workTopic(provider, request.priority()), request)));
        }
    }

    private void settle(UsageEvent usage) {
        if (Boolean.TRUE.equals(usage.cacheHit()) || usage.apiKeyId() == null) {
            return;
        }
        long now = clock.millis();
        byte[] held = usage.requestId() == null ? null : store.delete(RESERVATION + usage.requestId());
        KeyReservation reserved = held == null
                ? new KeyReservation(usage.apiKeyId(), 0, 0.0, now)
                : WireFormat.fromBytes(held, KeyReservation.class);
        long tokens = usage.promptTokens() + usage.completionTokens() - reserved.tokens();
        double usd = usage.costUsd() - reserved.usd();
        QuotaConfig keyLimits = keys.limitsOf(reserved.keyId(), directory);
        if (keyLimits.limited()) {
            String scope = KEY + reserved.keyId();
            put(scope, state(scope, keyLimits, now).spend(keyLimits, 0, tokens, usd, reserved.reservedAt()));
        }
        QuotaConfig global = keys.global();
        if (global.limited()) {
            put(GLOBAL, state(GLOBAL, global, now).spend(global, 0, tokens, usd, reserved.reservedAt()));
        }
    }

    /** Only the per-minute buckets: refusing on them is a rate limit the caller can retry soon. */
    private static QuotaConfig rates(QuotaConfig limits) {
        return new QuotaConfig(limits.tokensPerMinute(), limits.requestsPerMinute(), null, null, null, null);
    }

    /** Only the monthly budgets: refusing on them lasts until the next month. */
    private static QuotaConfig budgets(QuotaConfig limits) {
        return new QuotaConfig(null, null, null, limits.tokensPerMonth(), null, limits.usdPerMonth());
    }

    private QuotaState state(String scope, QuotaConfig limits, long now) {
        byte[] stored = store.get(scope);
        return stored == null ? QuotaState.fresh(limits, now)
                : WireFormat.fromBytes(stored, QuotaState.class).at(limits, now);
    }

    private void put(String scope, QuotaState state) {
        store.put(scope, WireFormat.toBytes(state));
    }

    private void dropStaleReservations() {
        StaleReservations.drop(store, RESERVATION, clock.millis(),
                held -> WireFormat.fromBytes(held, KeyReservation.class).reservedAt());
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
