package io.llmrouter.simulator;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.llmrouter.simulator.internal.LiveSettings;
import io.llmrouter.simulator.internal.RequestRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A simulated LLM provider: a real HTTP server speaking the OpenAI Chat Completions API, not a real model. */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final HttpServer server;
    private final LiveSettings live;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SimulatorServer(Vertx vertx, HttpServer server, LiveSettings live, String host) {
        this.vertx = vertx;
        this.server = server;
        this.live = live;
        this.host = host;
    }

    /** Starts a simulator with its own Vert.x instance and returns once it accepts connections. */
    public static SimulatorServer start(SimulatorSettings settings) {
        Objects.requireNonNull(settings, "settings");
        // One event loop: every fault and jitter draw then happens on one thread, in arrival order,
        // which is what makes a seeded run reproducible; the handlers never block, so it is plenty.
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        LiveSettings live = new LiveSettings(settings);
        HttpServer server = vertx
                .createHttpServer(new HttpServerOptions()
                        .setHost(settings.host())
                        .setPort(settings.port())
                        // curl and others send "Expect: 100-continue" for larger bodies and stall until answered.
                        .setHandle100ContinueAutomatically(true))
                .requestHandler(new RequestRouter(vertx, live));
        try {
            await(server.listen(), START_TIMEOUT_SECONDS);
        } catch (RuntimeException e) {
            await(vertx.close(), STOP_TIMEOUT_SECONDS);
            throw new IllegalStateException("Cannot start the LLM simulator on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        SimulatorServer simulator = new SimulatorServer(vertx, server, live, settings.host());
        LOG.info("LLM simulator (a stand-in, not a real model) listening on {} serving models {}",
                simulator.baseUrl(), settings.models());
        return simulator;
    }

    /** The port the server listens on, the free one picked when the settings asked for port 0. */
    public int port() {
        return server.actualPort();
    }

    /** The OpenAI base URL to give clients, e.g. {@code http://127.0.0.1:18090/v1}. */
    public String baseUrl() {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + authority + ":" + port() + "/v1";
    }

    /** The settings in force. */
    public SimulatorSettings settings() {
        return live.current().settings();
    }

    /**
     * Puts new latency, fault and model settings in force for the requests that arrive from now on.
     *
     * <p>The host and port of {@code settings} are ignored: a running server keeps its address. The random sources
     * start over only when the seed changes.
     */
    public void update(SimulatorSettings settings) {
        live.replace(settings);
        LOG.debug("LLM simulator settings now {}", settings);
    }

    /** Stops listening and releases the Vert.x threads; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            await(vertx.close(), STOP_TIMEOUT_SECONDS);
            LOG.info("LLM simulator on port {} stopped", server.actualPort());
        } catch (RuntimeException e) {
            LOG.warn("LLM simulator did not stop cleanly", e);
        }
    }

    private static void await(Future<?> future, long timeoutSeconds) {
        try {
            future.toCompletionStage().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeoutSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
