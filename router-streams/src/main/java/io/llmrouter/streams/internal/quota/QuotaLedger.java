package io.llmrouter.streams.internal.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.llmrouter.config.QuotaConfig;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.RouteDecision;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.UsageEvent;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.streams.SpendStats;
import io.llmrouter.streams.internal.Outbound;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the quotas of the providers of its partitions: routed requests ({@code llm.quota.requests}) and usage events
 * ({@code llm.usage}) are both keyed by provider, so every decision about one provider is taken by one task, in
 * order, whatever the number of streams instances. A request whose estimate fits both its provider's and its
 * model's quota is reserved and sent to its work topic; otherwise it goes back on {@code llm.failover} with a 429
 * {@code quota_exceeded} attempt, and the route step tries the next candidate. The usage event of a served request
 * replaces the estimate by what was actually spent.
 */
public final class QuotaLedger implements Processor<String, byte[], String, Outbound> {

    /** A reservation nobody settled (the call failed, or its usage was lost) keeps its estimate charged and is dropped. */
    static final Duration RESERVATION_TTL = StaleReservations.TTL;
    private static final Logger LOG = LoggerFactory.getLogger(QuotaLedger.class);
    private static final String SCOPE = "scope:";
    private static final String RESERVATION = "reservation:";

    private final Quotas quotas;
    private final Clock clock;
    private final SpendStats stats;
    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, byte[]> store;

    public QuotaLedger(Quotas quotas, Clock clock, SpendStats stats) {
        this.quotas = quotas;
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.store = context.getStateStore(Quotas.STORE);
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, at -> dropStaleReservations());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        try {
            if (Topics.USAGE.equals(topic)) {
                settle(WireFormat.fromBytes(record.value(), UsageEvent.class));
            } else {
                admit(record, WireFormat.fromBytes(record.value(), LlmRequest.class));
            }
        } catch (WireFormat.WireFormatException e) {
            LOG.warn("Ledger skips a record of {} it cannot read: {}", topic, e.getMessage());
        }
    }

    private void admit(Record<String, byte[]> record, LlmRequest request) {
        RouteDecision route = request.route();
        long now = clock.millis();
        long tokens = orZero(route.estimatedPromptTokens()) + orZero(route.estimatedCompletionTokens());
        double usd = route.estimatedCostUsd() == null ? 0.0 : route.estimatedCostUsd();
        String provider = route.provider();
        String model = route.model();
        QuotaConfig providerQuota = quotas.ofProvider(provider);
        QuotaConfig modelQuota = quotas.ofModel(provider, model);
        QuotaState providerState = state(provider, providerQuota, now);
        QuotaState modelState = state(provider + "/" + model, modelQuota, now);
        String reservationKey = reservationKey(request.requestId(), model);
        if (store.get(reservationKey) != null) {
            // A replay after a crash (at-least-once): reserved already, so send it on without charging twice.
            context.forward(record.withKey(request.requestId())
                    .withValue(Outbound.of(Topics.workTopic(provider, request.priority()), request)));
            return;
        }
        Optional<QuotaCheck.Refusal> refusal = QuotaCheck.check(provider, providerQuota, providerState, tokens, usd, now)
                .or(() -> QuotaCheck.check(provider + "/" + model, modelQuota, modelState, tokens, usd, now));
        Outbound out;
        if (refusal.isPresent()) {
            stats.countRefusal(refusal.get().scope(), refusal.get().limit());
            LlmRequest.Attempt attempt = new LlmRequest.Attempt(provider, model, 429, "quota_exceeded",
                    refusal.get().describe(now), Math.max(0, refusal.get().returnsAt().toEpochMilli() - now));
            out = Outbound.of(Topics.FAILOVER, request.failedOver(attempt));
        } else {
            if (providerQuota.limited()) {
                put(provider, providerState.spend(providerQuota, 1, tokens, usd, now));
            }
            if (modelQuota.limited()) {
                put(provider + "/" + model, modelState.spend(modelQuota, 1, tokens, usd, now));
            }
            store.put(reservationKey,
                    WireFormat.toBytes(new Reservation(provider, model, tokens, usd, now)));
            out = Outbound.of(Topics.workTopic(provider, request.priority()), request);
        }
        context.forward(record.withKey(request.requestId()).withValue(out));
    }

    private void settle(UsageEvent usage) {
        if (Boolean.TRUE.equals(usage.cacheHit()) || usage.provider() == null) {
            return;
        }
        long now = clock.millis();
        long actualTokens = usage.promptTokens() + usage.completionTokens();
        byte[] held = usage.requestId() == null ? null : store.delete(reservationKey(usage.requestId(), usage.model()));
        Reservation reserved = held == null
                ? new Reservation(usage.provider(), usage.model(), 0, 0.0, now)
                : WireFormat.fromBytes(held, Reservation.class);
        long tokens = actualTokens - reserved.tokens();
        double usd = usage.costUsd() - reserved.usd();
        correct(reserved.provider(), quotas.ofProvider(reserved.provider()), tokens, usd, reserved.reservedAt(), now);
        correct(reserved.provider() + "/" + reserved.model(), quotas.ofModel(reserved.provider(), reserved.model()),
                tokens, usd, reserved.reservedAt(), now);
    }

    private void correct(String scope, QuotaConfig quota, long tokens, double usd, long reservedAt, long now) {
        if (quota.limited()) {
            put(scope, state(scope, quota, now).spend(quota, 0, tokens, usd, reservedAt));
        }
    }

    private QuotaState state(String scope, QuotaConfig quota, long now) {
        byte[] stored = store.get(SCOPE + scope);
        return stored == null ? QuotaState.fresh(quota, now)
                : WireFormat.fromBytes(stored, QuotaState.class).at(quota, now);
    }

    private void put(String scope, QuotaState state) {
        store.put(SCOPE + scope, WireFormat.toBytes(state));
        stats.noteQuotaState(scope, state);
    }

    private void dropStaleReservations() {
        StaleReservations.drop(store, RESERVATION, clock.millis(),
                held -> WireFormat.fromBytes(held, Reservation.class).reservedAt());
    }

    /** Per request and model: a request that fails over to another model of the same provider is reserved anew. */
    private static String reservationKey(String requestId, String model) {
        return RESERVATION + requestId + "@" + model;
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
