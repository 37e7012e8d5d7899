package io.llmrouter.workers.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.adapters.UpstreamCall;
import io.vertx.core.buffer.Buffer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the model list of every provider a pool serves, at start and then periodically, and publishes
 * it as a {@link ModelList} on {@link Topics#MODELS}, keyed by provider id.
 *
 * <p>A failed fetch is published too, with no models and the reason, so readers see that the list is
 * unknown rather than an old one. Every pool serving a provider publishes its list; the topic is
 * compacted, so the copies collapse to the newest.
 */
public final class ModelDiscovery implements AutoCloseable {

    /** How often a provider's list is fetched unless its {@value #INTERVAL_OPTION} option says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    /** Provider option: milliseconds between fetches; {@code 0} turns discovery off for the provider. */
    public static final String INTERVAL_OPTION = "discovery-interval-ms";

    private static final Logger LOG = LoggerFactory.getLogger(ModelDiscovery.class);
    private static final int MAX_ERROR_CHARS = 300;

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Producer<String, byte[]> producer;
    private final Duration defaultInterval;
    private final List<ScheduledFuture<?>> schedules = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Discovery of {@code providers} every {@link #DEFAULT_INTERVAL}. */
    public ModelDiscovery(List<AdapterContext> providers, Producer<String, byte[]> producer) {
        this(providers, producer, DEFAULT_INTERVAL);
    }

    /** Discovery of {@code providers} every {@code interval}, unless a provider sets {@value #INTERVAL_OPTION}. */
    public ModelDiscovery(List<AdapterContext> providers, Producer<String, byte[]> producer, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The discovery interval must be positive, not " + interval);
        }
        providers.forEach(context -> sources.put(context.providerId(), new Source(context)));
        this.producer = producer;
        this.defaultInterval = interval;
    }

    /** Schedules each provider's fetches on {@code scheduler}: the first at once, then one per interval. */
    public void start(ScheduledExecutorService scheduler) {
        Executor publisher = task -> {
            try {
                scheduler.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debug("Pool stopping: a model list is not published");
            }
        };
        for (Source source : sources.values()) {
            Duration every = interval(source.context.provider(), defaultInterval);
            if (every.isZero()) {
                LOG.info("Model discovery is off for {}", source.context.providerId());
                continue;
            }
            schedules.add(scheduler.scheduleAtFixedRate(() -> refresh(source, publisher), 0, every.toMillis(),
                    TimeUnit.MILLISECONDS));
        }
    }

    /** A provider's interval: its {@value #INTERVAL_OPTION} option when that is a count of ms, else the default. */
    static Duration interval(ProviderConfig provider, Duration defaultInterval) {
        String value = provider.options().get(INTERVAL_OPTION);
        if (value == null) {
            return defaultInterval;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // Reported below, as for a negative value.
        }
        LOG.warn("Option {}: '{}' is not a number of milliseconds; using {}", INTERVAL_OPTION, value, defaultInterval);
        return defaultInterval;
    }

    private void refresh(Source source, Executor publisher) {
        // An upstream slower than the interval would otherwise pile up fetches.
        if (closed || !source.busy.compareAndSet(false, true)) {
            return;
        }
        fetch(source).thenAcceptAsync(this::publish, publisher)
                .whenComplete((ignored, failure) -> source.busy.set(false));
    }

    /** Fetches one provider's list now; the result carries the error instead of failing. */
    CompletableFuture<ModelList> fetch(String providerId) {
        Source source = sources.get(providerId);
        if (source == null) {
            throw new IllegalArgumentException("No model discovery for provider '" + providerId + "'");
        }
        return fetch(source);
    }

    private CompletableFuture<ModelList> fetch(Source source) {
        AdapterContext context = source.context;
        List<String> configured = List.copyOf(context.provider().models().keySet());
        CompletableFuture<UpstreamCall.Reply> call;
        try {
            call = source.call.send(source.endpoint.request(), Buffer.buffer());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((reply, failure) -> {
            long now = context.clock().millis();
            String error;
            if (failure != null) {
                error = describe(failure);
            } else if (reply.status() / 100 != 2) {
                String message = upstreamMessage(reply.body());
                error = "HTTP " + reply.status() + (message.isBlank() ? "" : ": " + message);
            } else {
                try {
                    return ModelList.listed(context.providerId(), now, source.endpoint.parse(reply.body()), configured);
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
            }
            return ModelList.failed(context.providerId(), now, configured,
                    withoutKey(error, context.provider().apiKey()));
        });
    }

    private void publish(ModelList list) {
        if (closed) {
            return;
        }
        if (list.hasError()) {
            LOG.warn("Cannot list the models of {}: {}", list.provider(), list.error());
        } else {
            LOG.info("{} lists {} models", list.provider(), list.models().size());
        }
        try {
            producer.send(new ProducerRecord<>(Topics.MODELS, list.provider(), WireFormat.toBytes(list)),
                    (metadata, failure) -> {
                        if (failure != null) {
                            LOG.warn("Cannot publish the model list of {}: {}", list.provider(), failure.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("Cannot publish the model list of {}: {}", list.provider(), e.getMessage());
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
                : cause.getMessage();
    }

    /** An error body's message: {@code error.message} (most kinds), {@code error} (Ollama), or the text itself. */
    private static String upstreamMessage(Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8).strip();
        try {
            JsonNode error = WireFormat.mapper().readTree(text).path("error");
            if (error.path("message").isTextual()) {
                return error.get("message").asText();
            }
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: the text itself says what went wrong.
        }
        return text;
    }

    /** Upstreams echo a rejected key in their error text; the error goes on a topic, so the key must not. */
    static String withoutKey(String error, Secret key) {
        String clean = key.isEmpty() ? error : error.replace(key.reveal(), "****");
        return clean.length() <= MAX_ERROR_CHARS ? clean : clean.substring(0, MAX_ERROR_CHARS) + "...";
    }

    /** Stops scheduling fetches; a fetch under way is not published. */
    @Override
    public void close() {
        closed = true;
        schedules.forEach(schedule -> schedule.cancel(false));
    }

    /** One provider: where it lists its models, and whether a fetch is under way. */
    private static final class Source {
        private final AdapterContext context;
        private final ModelListEndpoint endpoint;
        private final UpstreamCall call;
        private final AtomicBoolean busy = new AtomicBoolean();

        Source(AdapterContext context) {
            this.context = context;
            this.endpoint = ModelListEndpoint.of(context.provider());
            this.call = new UpstreamCall(context);
        }
    }
}
