package io.llmrouter.workers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.llmrouter.config.ModelConfig;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.Secret;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.adapters.ProviderAdapters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelDiscoveryTest {

    private static final String KEY = "sk-discovery-77b1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final ScriptedUpstream upstream = new ScriptedUpstream();
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = ProviderAdapters.httpClient(vertx, 4);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        vertx.close();
        upstream.close();
    }

    private AdapterContext provider(String id, String kind, long timeoutMs, Map<String, String> options) {
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        models.put("configured-a", new ModelConfig(0, 0, 1000, null, null, null));
        models.put("configured-b", new ModelConfig(0, 0, 1000, null, null, "upstream-b"));
        ProviderConfig config = new ProviderConfig(kind, upstream.url() + "/v1", Secret.of(KEY), null, false, timeoutMs,
                models, null, options, null);
        return new AdapterContext(id, config, vertx, http, CLOCK);
    }

    private ModelList fetch(AdapterContext provider) throws Exception {
        return new ModelDiscovery(List.of(provider), producer).fetch(provider.providerId()).get(20, TimeUnit.SECONDS);
    }

    @Test
    void aListedProviderYieldsItsIdsItsConfiguredModelsAndTheFetchTime() throws Exception {
        upstream.then(ScriptedUpstream.json("{\"data\":[{\"id\":\"gpt-4o\"},{\"id\":\"gpt-4o-mini\"}]}"));

        ModelList list = fetch(provider("openai-x", "openai", 5_000, Map.of()));

        assertThat(list).isEqualTo(new ModelList("openai-x", CLOCK.millis(), List.of("gpt-4o", "gpt-4o-mini"),
                List.of("configured-a", "configured-b"), null));
        assertThat(upstream.lastCall().method()).isEqualTo("GET");
        assertThat(upstream.lastCall().path()).isEqualTo("/v1/models");
        assertThat(upstream.lastCall().headers()).containsEntry("Authorization", "Bearer " + KEY);
    }

    @Test
    void aRefusedKeyIsAnErrorThatNeverRepeatsTheKey() throws Exception {
        upstream.then(ScriptedUpstream.error(401, """
                {"error":{"message":"Incorrect API key provided: %s","type":"invalid_request_error"}}"""
                .formatted(KEY), Map.of()));

        ModelList list = fetch(provider("openai-x", "openai", 5_000, Map.of()));

        assertThat(list.models()).isEmpty();
        assertThat(list.configured()).containsExactly("configured-a", "configured-b");
        assertThat(list.error()).startsWith("HTTP 401: Incorrect API key provided").doesNotContain(KEY);
    }

    @Test
    void ollamasPlainErrorStringIsTheMessage() throws Exception {
        upstream.then(ScriptedUpstream.error(500, "{\"error\":\"model store unavailable\"}", Map.of()));

        assertThat(fetch(provider("local", "ollama", 5_000, Map.of())).error())
                .isEqualTo("HTTP 500: model store unavailable");
    }

    @Test
    void anUnreadableAnswerIsAnError() throws Exception {
        upstream.then(ScriptedUpstream.json("{\"object\":\"list\"}"));

        assertThat(fetch(provider("openai-x", "openai", 5_000, Map.of())).error())
                .isEqualTo("the answer has no \"data\" list");
    }

    @Test
    void anUpstreamThatNeverAnswersIsAnErrorAfterTheProviderTimeout() throws Exception {
        upstream.then(new ScriptedUpstream.Hang());

        ModelList list = fetch(provider("slow", "openai", 300, Map.of()));

        assertThat(list.hasError()).isTrue();
        assertThat(list.models()).isEmpty();
    }

    @Test
    void anUnreachableUpstreamIsAnError() throws Exception {
        ProviderConfig closed = ProviderConfig.of("openai", "http://127.0.0.1:1/v1", Secret.of(KEY), Map.of());

        ModelList list = fetch(new AdapterContext("gone", closed, vertx, http, CLOCK));

        assertThat(list.error()).isNotBlank().doesNotContain(KEY);
    }

    @Test
    void startingPublishesEachProvidersListAtOnceKeyedByProvider() {
        upstream.byDefault(ScriptedUpstream.json("{\"data\":[{\"id\":\"m\"}]}"));
        ModelDiscovery discovery = new ModelDiscovery(List.of(provider("one", "openai", 5_000, Map.of()),
                provider("two", "vllm", 5_000, Map.of())), producer);

        discovery.start(scheduler);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> producer.history().size() == 2);
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly(Topics.MODELS);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactlyInAnyOrder("one", "two");
        assertThat(WireFormat.fromBytes(producer.history().get(0).value(), ModelList.class).models())
                .containsExactly("m");
        discovery.close();
    }

    @Test
    void theIntervalOptionOverridesTheDefaultAndZeroTurnsDiscoveryOff() {
        upstream.byDefault(ScriptedUpstream.json("{\"data\":[{\"id\":\"m\"}]}"));
        ModelDiscovery discovery = new ModelDiscovery(List.of(
                provider("often", "openai", 5_000, Map.of(ModelDiscovery.INTERVAL_OPTION, "100")),
                provider("never", "openai", 5_000, Map.of(ModelDiscovery.INTERVAL_OPTION, "0"))), producer);

        discovery.start(scheduler);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> producer.history().size() >= 3);
        assertThat(producer.history()).extracting(ProducerRecord::key).containsOnly("often");
        discovery.close();
    }

    @Test
    void anIntervalOptionThatIsNotANumberFallsBackToTheDefault() {
        ProviderConfig config = provider("p", "openai", 5_000, Map.of(ModelDiscovery.INTERVAL_OPTION, "soon"))
                .provider();

        assertThat(ModelDiscovery.interval(config, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void withoutTheOptionTheDefaultIntervalIsAnHour() {
        ProviderConfig config = provider("p", "openai", 5_000, Map.of()).provider();

        assertThat(ModelDiscovery.interval(config, ModelDiscovery.DEFAULT_INTERVAL)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void nothingIsPublishedAfterClose() throws Exception {
        upstream.byDefault(ScriptedUpstream.json("{\"data\":[{\"id\":\"m\"}]}"));
        ModelDiscovery discovery = new ModelDiscovery(List.of(provider("p", "openai", 5_000,
                Map.of(ModelDiscovery.INTERVAL_OPTION, "50"))), producer);
        discovery.start(scheduler);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !producer.history().isEmpty());

        discovery.close();
        int published = producer.history().size();
        Thread.sleep(300);

        assertThat(producer.history()).hasSizeLessThanOrEqualTo(published + 1);
    }

    @Test
    void aKeyInAnErrorIsMaskedAndALongErrorIsCut() {
        String error = ModelDiscovery.withoutKey("bad key " + KEY + " " + "x".repeat(500), Secret.of(KEY));

        assertThat(error).startsWith("bad key **** xxx").doesNotContain(KEY).hasSize(303).endsWith("...");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new ModelDiscovery(List.of(), producer, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
