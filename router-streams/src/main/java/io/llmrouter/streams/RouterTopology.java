package io.llmrouter.streams;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.llmrouter.config.RouterConfig;
import io.llmrouter.schemas.Topics;
import io.llmrouter.streams.internal.Outbound;
import io.llmrouter.streams.internal.RequestIntake;
import io.llmrouter.streams.internal.RequestValidator;
import io.llmrouter.streams.internal.RoutePlanner;
import io.llmrouter.streams.internal.RouteSelector;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The router's Kafka Streams topology, wired in one place.
 *
 * <pre>
 * llm.requests.{critical,high,normal,low}, llm.failover (requests handed back after a failed call)
 *   -> validate   (poison records: llm.dlq plus an error reply)
 *   -> route      (first available target of the priority's route not tried already)
 *   -> dispatch   (llm.work.&lt;provider&gt;.&lt;priority&gt;, or reply_to for routing errors)
 * </pre>
 */
public final class RouterTopology {

    static final String SOURCE = "requests";
    static final String VALIDATE = "validate";
    static final String ROUTE = "route";
    static final String DISPATCH = "dispatch";

    private RouterTopology() {
    }

    private static String[] sources() {
        List<String> topics = new ArrayList<>(Topics.requestTopics());
        topics.add(Topics.FAILOVER);
        return topics.toArray(String[]::new);
    }

    /**
     * Builds the topology.
     *
     * @param config             the router configuration
     * @param availableProviders providers that can serve now
     * @param topicExists        tells whether a reply topic exists
     * @param clock              the time source
     */
    public static Topology build(RouterConfig config, Set<String> availableProviders,
                                 Predicate<String> topicExists, Clock clock) {
        RoutePlanner planner = new RoutePlanner(config, availableProviders);
        return new Topology()
                .addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                        sources())
                .addProcessor(VALIDATE, () -> new RequestIntake(ROUTE, DISPATCH, new RequestValidator(), topicExists, clock),
                        SOURCE)
                .addProcessor(ROUTE, () -> new RouteSelector(planner, clock), VALIDATE)
                .addSink(DISPATCH, Outbound.TOPIC, new StringSerializer(), Outbound.SERIALIZER, VALIDATE, ROUTE);
    }
}
