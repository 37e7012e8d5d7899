package io.llmrouter.bridge;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.llmrouter.bridge.internal.AdminKeysHandler;
import io.llmrouter.bridge.internal.AnswerStats;
import io.llmrouter.bridge.internal.AnthropicResponses;
import io.llmrouter.bridge.internal.BridgeMetrics;
import io.llmrouter.bridge.internal.CallObserver;
import io.llmrouter.bridge.internal.ChatCompletionsHandler;
import io.llmrouter.bridge.internal.EmbeddingModel;
import io.llmrouter.bridge.internal.EmbeddingsHandler;
import io.llmrouter.bridge.internal.EmbeddingsRequest;
import io.llmrouter.bridge.internal.HealthListener;
import io.llmrouter.bridge.internal.KeyGate;
import io.llmrouter.bridge.internal.KeyListener;
import io.llmrouter.bridge.internal.KeyRing;
import io.llmrouter.bridge.internal.MessagesHandler;
import io.llmrouter.bridge.internal.MetricsHandler;
import io.llmrouter.bridge.internal.MiniLmEmbeddingModel;
import io.llmrouter.bridge.internal.ModelCatalog;
import io.llmrouter.bridge.internal.ModelListListener;
import io.llmrouter.bridge.internal.ModelsHandler;
import io.llmrouter.bridge.internal.OpenAiResponses;
import io.llmrouter.bridge.internal.PendingReplies;
import io.llmrouter.bridge.internal.ProviderHealth;
import io.llmrouter.bridge.internal.ProvidersHandler;
import io.llmrouter.bridge.internal.ReplyListener;
import io.llmrouter.bridge.internal.RequestPublisher;
import io.llmrouter.bridge.internal.StatsHandler;
import io.llmrouter.bridge.internal.TopicFollower;
import io.llmrouter.config.BridgeSettings;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint: OpenAI's chat completions and Anthropic's messages go to Kafka, replies come back on this
 * instance's reply topic; embeddings come from a local model; {@code /metrics} and {@code /stats} tell what this instance has answered.
 */
public final class RouterBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouterBridge.class);
    private static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** How long a send may hold an event loop waiting for buffer room before the call gets a 503. */
    static final long PUBLISH_MAX_BLOCK_MS = 250;

    private final Vertx vertx;
    private final HttpServer server;
    private final PendingReplies pending;
    private final ReplyListener listener;
    private final Thread listenerThread;
    private final RequestPublisher publisher;
    private final List<TopicFollower> followers;
    private final BridgeMetrics metrics;
    private final EmbeddingModel embeddings;

    private RouterBridge(Vertx vertx, HttpServer server, PendingReplies pending, ReplyListener listener,
                         Thread listenerThread, RequestPublisher publisher, List<TopicFollower> followers,
                         BridgeMetrics metrics, EmbeddingModel embeddings) {
        this.vertx = vertx;
        this.server = server;
        this.pending = pending;
        this.listener = listener;
        this.listenerThread = listenerThread;
        this.publisher = publisher;
        this.followers = followers;
        this.metrics = metrics;
        this.embeddings = embeddings;
    }

    /** Creates this instance's reply topic, starts reading it, then starts serving HTTP. */
    public static RouterBridge start(RouterConfig config, Set<String> availableProviders) {
        BridgeSettings settings = config.bridge();
        String replyTopic = Topics.bridgeReplyTopic(settings.instanceId());
        List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic(replyTopic,
                config.kafka().topics().replyPartitions(), config.kafka().topics().replicationFactor())));
        // The bridge reads the keys topic and writes the request topics before serving, so they must exist even
        // where no other part created them yet.
        List<String> written = new ArrayList<>(Topics.requestTopics());
        written.add(Topics.KEYS);
        TopicProvisioner.sharedTopics(config).stream().filter(t -> written.contains(t.name())).forEach(topics::add);
        new TopicProvisioner(config.kafka()).ensure(topics);

        PendingReplies pending = new PendingReplies(settings.maxPending());
        ReplyListener listener = new ReplyListener(consumer(config), replyTopic, pending);
        listener.positionAtEnd();
        Thread listenerThread = new Thread(listener, "bridge-reply-listener");
        listenerThread.start();

        ModelCatalog models = new ModelCatalog();
        ProviderHealth health = new ProviderHealth(Clock.systemUTC());
        KeyRing keys = new KeyRing(config.keys());
        TopicFollower keyFollower = follow("bridge-key-listener", new TopicFollower(Topics.KEYS, consumer(config),
                TopicFollower.FROM_BEGINNING, new KeyListener(keys), "only configured keys are accepted"));
        List<TopicFollower> followers = List.of(keyFollower,
                follow("bridge-model-listener", new TopicFollower(Topics.MODELS, consumer(config),
                        TopicFollower.FROM_BEGINNING, new ModelListListener(models),
                        "GET /v1/models lists configured models only")),
                follow("bridge-health-listener", new TopicFollower(Topics.HEALTH, consumer(config),
                        TopicFollower.since(Clock.systemUTC(), HealthListener.LOOK_BACK), new HealthListener(health),
                        null)));
        if (keys.enforced()) {
            awaitKeys(keyFollower);
        }

        RequestPublisher publisher = new RequestPublisher(
                new KafkaProducer<>(publisherProperties(config), new StringSerializer(), new ByteArraySerializer()));
        publisher.loadMetadata(written, Duration.ofSeconds(30));

        BridgeMetrics metrics = new BridgeMetrics();
        health.bindTo(metrics.registry());
        AnswerStats stats = new AnswerStats();
        CallObserver observer = CallObserver.all(metrics, stats);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post("/v1/chat/completions").handler(new ChatCompletionsHandler(vertx, pending, publisher, replyTopic,
                settings.requestTimeoutMs(), Clock.systemUTC(), observer, new KeyGate(keys)));
        router.post("/v1/messages").handler(new MessagesHandler(vertx, pending, publisher, replyTopic,
                settings.requestTimeoutMs(), Clock.systemUTC(), observer, new KeyGate(keys)));
        if (keys.adminEnabled()) {
            new AdminKeysHandler(keys, publisher).mount(router);
        }
        router.get("/metrics").handler(new MetricsHandler(metrics));
        router.get("/stats").handler(new StatsHandler(stats));
        router.get("/v1/router/providers").handler(new ProvidersHandler(health));
        // The same directory as the streams app's semantic cache: one copy of the model files per host.
        EmbeddingModel embeddings = new MiniLmEmbeddingModel(
                Path.of(System.getProperty("java.io.tmpdir"), "llm-router-models"));
        router.post("/v1/embeddings").handler(new EmbeddingsHandler(vertx, embeddings, metrics, new KeyGate(keys)));
        router.get("/v1/models").handler(new ModelsHandler(config, availableProviders, models,
                EmbeddingsRequest.MODELS));
        router.get("/health/live").handler(ctx -> OpenAiResponses.json(ctx.response(), 200, Map.of("status", "up")));
        router.get("/health/ready").handler(ctx -> OpenAiResponses.json(ctx.response(),
                listener.isReady() ? 200 : 503, Map.of("status", listener.isReady() ? "ready" : "not ready")));
        router.errorHandler(413, ctx -> error(ctx, new ErrorInfo(413,
                "invalid_request_error", "request_too_large", "The request body exceeds " + MAX_BODY_BYTES + " bytes", null)));
        router.errorHandler(404, ctx -> error(ctx, new ErrorInfo(404,
                "invalid_request_error", "unknown_url", "Unknown request URL: " + ctx.request().method() + " "
                + ctx.request().path(), null)));
        router.errorHandler(405, ctx -> error(ctx, new ErrorInfo(405,
                "invalid_request_error", "method_not_allowed", "Method " + ctx.request().method() + " is not allowed on "
                + ctx.request().path(), null)));
        router.errorHandler(500, ctx -> error(ctx, ErrorInfo.internal("Internal error")));

        HttpServer server = vertx.createHttpServer().requestHandler(router);
        try {
            server.listen(settings.port(), settings.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            listener.stop();
            followers.forEach(TopicFollower::stop);
            publisher.close();
            vertx.close();
            metrics.close();
            throw new IllegalStateException("Cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("router-http-bridge {} listening on http://{}:{} (replies on {})", settings.instanceId(),
                settings.host(), server.actualPort(), replyTopic);
        if (keys.enforced()) {
            LOG.info("Virtual keys required: {} configured{}", config.keys().virtual().size(),
                    keys.adminEnabled() ? ", more through /admin/keys" : "");
        } else {
            LOG.warn("No virtual keys configured: the bridge is OPEN to any caller (development mode); "
                    + "configure keys.virtual or keys.admin-key to require keys");
        }
        return new RouterBridge(vertx, server, pending, listener, listenerThread, publisher, followers, metrics,
                embeddings);
    }

    /**
     * The request producer's settings: it sends on event loops (see {@link RequestPublisher}), so it keeps the
     * metadata loaded at start and waits at most a moment for buffer room; {@code kafka.producer.*} may override.
     */
    static Map<String, Object> publisherProperties(RouterConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, Duration.ofDays(365).toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, PUBLISH_MAX_BLOCK_MS);
        props.putAll(config.kafka().producerProperties());
        return props;
    }

    private static KafkaConsumer<String, byte[]> consumer(RouterConfig config) {
        return new KafkaConsumer<>(config.kafka().consumerProperties(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static TopicFollower follow(String threadName, TopicFollower follower) {
        Thread thread = new Thread(follower, threadName);
        thread.setDaemon(true);
        thread.start();
        return follower;
    }

    // A bridge that requires keys waits (a while) until it knows the ones created at run time before it serves.
    private static void awaitKeys(TopicFollower keys) {
        try {
            if (!keys.awaitCaughtUp(Duration.ofSeconds(30))) {
                LOG.warn("Keys created through /admin/keys are not all read yet; they are accepted once they are");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Errors the router answers before a handler runs, in the shape of the API the caller speaks.
    private static void error(RoutingContext ctx, ErrorInfo error) {
        if (ctx.request().path().startsWith("/v1/messages")) {
            AnthropicResponses.error(ctx.response(), null, error);
        } else {
            OpenAiResponses.error(ctx.response(), error);
        }
    }

    /** The port the bridge listens on. */
    public int port() {
        return server.actualPort();
    }

    /** The registry behind {@code /metrics}; parts in the same process add their meters to it. */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.getMessage());
        }
        pending.failAll(new ErrorInfo(503, "service_unavailable", "shutting_down", "The router is shutting down", null));
        listener.stop();
        followers.forEach(TopicFollower::stop);
        try {
            listenerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        vertx.close();
        embeddings.close();
        metrics.close();
        LOG.info("router-http-bridge stopped");
    }
}
