package io.llmrouter.streams.internal;

import java.time.Clock;

import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Topics;
import io.llmrouter.streams.internal.keys.VirtualKeys;
import io.llmrouter.streams.internal.quota.Quotas;
import io.llmrouter.streams.internal.routing.RoutePlanner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends each valid request to its chosen provider's work topic (through the key ledger when its virtual key has
 * limits, and the quota ledger when the deployment has a quota), or answers it with the routing error.
 */
public final class RouteSelector implements Processor<String, LlmRequest, String, Outbound> {

    private final RoutePlanner planner;
    private final Clock clock;
    private final Quotas quotas;
    private final VirtualKeys keys;
    private ProcessorContext<String, Outbound> context;

    public RouteSelector(RoutePlanner planner, Clock clock, Quotas quotas, VirtualKeys keys) {
        this.planner = planner;
        this.clock = clock;
        this.quotas = quotas;
        this.keys = keys;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, LlmRequest> record) {
        LlmRequest request = record.value();
        RoutePlanner.Plan plan = planner.plan(request);
        Outbound out;
        if (plan.decision() != null) {
            LlmRequest sent = plan.trimmedBody() == null ? request : new LlmRequest(request.requestId(),
                    request.priority(), request.replyTo(), request.createdAt(), plan.trimmedBody(), request.hints(),
                    null, request.attempts(), request.cache());
            String provider = plan.decision().provider();
            String keyId = request.hints().apiKeyId();
            if (keys.needsLedger(keyId)) {
                // Keyed by the key's ledger scope: the one task that owns the key's limits decides, then sends it on.
                context.forward(record.withKey(keys.scopeOf(keyId)).withValue(Outbound.of(Topics.KEY_REQUESTS,
                        sent.routedTo(plan.decision()))));
                return;
            }
            if (quotas.limits(provider, plan.decision().model())) {
                // Keyed by provider: the one ledger task that owns this provider's quota decides.
                context.forward(record.withKey(provider).withValue(Outbound.of(Topics.QUOTA_REQUESTS,
                        sent.routedTo(plan.decision()))));
                return;
            }
            out = Outbound.of(Topics.workTopic(provider, request.priority()), sent.routedTo(plan.decision()));
        } else {
            long now = clock.millis();
            LlmReply reply = LlmReply.error(request.requestId(), plan.error(), null,
                    new LlmReply.Timings(request.createdAt(), now, 0, now));
            out = Outbound.of(request.replyTo(), reply);
        }
        context.forward(record.withKey(request.requestId()).withValue(out));
    }
}
