package io.llmrouter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.llmrouter.schemas.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            kafka:
              bootstrap-servers: localhost:9092
            providers:
              sim:
                kind: simulator
                base-url: http://127.0.0.1:18090/v1
                models:
                  sim-fast: {context-window: 1000}
              openai:
                kind: openai
                base-url: https://api.openai.com/v1
                api-key: ${OPENAI_API_KEY}
                models:
                  gpt-4o-mini: {input-price-per-mtok: 0.15, output-price-per-mtok: 0.6, context-window: 128000}
            routes:
              default:
                targets: [openai/gpt-4o-mini]
                fallbacks: [sim/sim-fast]
            """;

    @Test
    void bundledConfigurationIsValidWithoutAnyKeys() {
        RouterConfig config = ConfigLoader.loadBundled(Map.of());

        assertThat(config.providers()).containsKeys("simulator", "openai", "ollama");
        assertThat(config.providers().get("openai").hasCredentials()).isFalse();
        assertThat(config.providers().get("simulator").hasCredentials()).isTrue();
        assertThat(config.routeFor(Priority.LOW).candidates()).contains(TargetRef.parse("simulator/simulator-fast"));
    }

    @Test
    void environmentReferencesAreSubstitutedWithDefaults() {
        RouterConfig config = ConfigLoader.loadBundled(Map.of("ROUTER_PORT", "9999", "OPENAI_API_KEY", "k-123"));

        assertThat(config.bridge().port()).isEqualTo(9999);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.providers().get("openai").apiKey().reveal()).isEqualTo("k-123");
        assertThat(config.providers().get("openai").hasCredentials()).isTrue();
    }

    @Test
    void secretsAreMaskedWhenPrinted() {
        RouterConfig config = ConfigLoader.parse(MINIMAL, "test.yaml", Map.of("OPENAI_API_KEY", "k-very-secret"));

        assertThat(config.toString()).doesNotContain("k-very-secret").contains("****");
    }

    @Test
    void kafkaCredentialsAreMaskedWhenPrinted() {
        KafkaSettings kafka = new KafkaSettings("b:9092", null,
                Map.of("sasl.jaas.config", "user=\"a\" password=\"p4ss\""), null, null, null, null);

        assertThat(kafka.toString()).doesNotContain("p4ss").contains("sasl.jaas.config=****");
    }

    @Test
    void routesFallBackToTheDefaultRoute() {
        RouterConfig config = ConfigLoader.parse(MINIMAL, "test.yaml", Map.of());

        assertThat(config.routeFor(Priority.CRITICAL).candidates())
                .containsExactly(TargetRef.parse("openai/gpt-4o-mini"), TargetRef.parse("sim/sim-fast"));
    }

    @Test
    void unknownSettingIsReportedWithFileAndPath() {
        String yaml = MINIMAL.replace("base-url: http://127", "base-ur1: x\n    base-url: http://127");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "conf/router.yaml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("conf/router.yaml: providers.sim.base-ur1: unknown setting 'base-ur1'");
    }

    @Test
    void routeTargetNamingAnUnknownProviderIsReported() {
        String yaml = MINIMAL.replace("fallbacks: [sim/sim-fast]", "fallbacks: [nope/sim-fast]");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .hasMessageContaining("r.yaml: routes.default.fallbacks[0]: 'nope/sim-fast' names provider 'nope'");
    }

    @Test
    void malformedTargetIsReportedWithItsPath() {
        String yaml = MINIMAL.replace("targets: [openai/gpt-4o-mini]", "targets: [gpt-4o-mini]");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .hasMessageContaining("routes.default.targets[0]: 'gpt-4o-mini' is not of the form provider/model");
    }

    @Test
    void embeddedBrokerSettingsPassThroughAsText() {
        RouterConfig config = ConfigLoader.parse(MINIMAL + "standalone:\n  broker:\n    num.io.threads: 2\n", "r.yaml", Map.of());

        assertThat(config.standalone().broker()).containsExactly(Map.entry("num.io.threads", "2"));
    }

    @Test
    void embeddedBrokerCredentialsAreMaskedWhenPrinted() {
        StandaloneSettings standalone = new StandaloneSettings("data", 9092, 9093,
                Map.of("ssl.keystore.password", "p4ss", "num.io.threads", "2"));

        assertThat(standalone.toString()).doesNotContain("p4ss").contains("ssl.keystore.password=****", "num.io.threads=2");
    }

    @Test
    void workersTakeTheDefaultCommitIntervalWhenNoneIsGiven() {
        RouterConfig config = ConfigLoader.parse(MINIMAL + "workers:\n  concurrency: 8\n", "r.yaml", Map.of());

        assertThat(config.workers()).isEqualTo(new WorkerSettings(8, 100));
    }

    @Test
    void negativeCommitIntervalIsReported() {
        String yaml = MINIMAL + "workers:\n  commit-interval-ms: -1\n";

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .hasMessageContaining("workers.commit-interval-ms: must be between 0 and 10000");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        String yaml = MINIMAL.replace("https://api.openai.com/v1", "not a url")
                .replace("context-window: 1000", "context-window: 0");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "providers.openai.base-url: must be an absolute http(s) URL, got 'not a url'",
                        "providers.sim.models.sim-fast.context-window: must be positive"));
    }

    @Test
    void presetKindNeedsNoBaseUrl() {
        String yaml = MINIMAL.replace("    base-url: https://api.openai.com/v1\n", "");

        assertThat(ConfigLoader.parse(yaml, "r.yaml", Map.of()).providers().get("openai").baseUrl())
                .isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void pluginKindWithoutABaseUrlIsReported() {
        String yaml = MINIMAL.replace("kind: openai\n    base-url: https://api.openai.com/v1", "kind: acme-llm");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .hasMessageContaining("providers.openai.base-url: missing; kind 'acme-llm' has no default address");
    }

    @Test
    void modelMayNameItsUpstreamName() {
        String yaml = MINIMAL.replace("gpt-4o-mini: {", "gpt-4o-mini: {upstream-name: my-deployment, ");

        assertThat(ConfigLoader.parse(yaml, "r.yaml", Map.of()).providers().get("openai").upstreamName("gpt-4o-mini"))
                .isEqualTo("my-deployment");
    }

    @Test
    void missingFileIsReportedByName(@TempDir Path dir) {
        Path missing = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .hasMessageContaining(missing + ": cannot read the file");
    }

    @Test
    void zeroBackoffIsRejectedBecauseTheBackoffCannotStartAtZero() {
        String yaml = MINIMAL.replace("    api-key: ${OPENAI_API_KEY}", "    api-key: ${OPENAI_API_KEY}\n    resilience: {retry-initial-backoff-ms: 0}");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .hasMessageContaining("providers.openai.resilience: breaker-open-ms, retry-initial-backoff-ms and "
                        + "retry-max-backoff-ms must be at least 1");
    }

    @Test
    void quotasAreReadPerProviderAndPerModel() {
        String yaml = MINIMAL.replace("    api-key: ${OPENAI_API_KEY}", "    api-key: ${OPENAI_API_KEY}\n"
                + "    quota: {requests-per-minute: 500, usd-per-day: 20}")
                .replace("context-window: 128000}", "context-window: 128000, quota: {tokens-per-minute: 90000}}");

        ProviderConfig openai = ConfigLoader.parse(yaml, "r.yaml", Map.of()).providers().get("openai");

        assertThat(openai.quota()).isEqualTo(new QuotaConfig(null, 500L, null, null, 20.0, null));
        assertThat(openai.models().get("gpt-4o-mini").quota().tokensPerMinute()).isEqualTo(90_000L);
        assertThat(openai.models().get("gpt-4o-mini").quota().limited()).isTrue();
    }

    @Test
    void absentQuotaMeansUnlimited() {
        ProviderConfig openai = ConfigLoader.parse(MINIMAL, "r.yaml", Map.of()).providers().get("openai");

        assertThat(openai.quota().limited()).isFalse();
        assertThat(openai.models().get("gpt-4o-mini").quota().limited()).isFalse();
    }

    @Test
    void zeroQuotaIsRejectedBecauseAbsentMeansUnlimited() {
        String yaml = MINIMAL.replace("context-window: 128000}", "context-window: 128000, quota: {tokens-per-day: 0}}");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .hasMessageContaining("providers.openai.models.gpt-4o-mini.quota.tokens-per-day: must be positive");
    }

    @Test
    void fileOnDiskLoads(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("router.yaml"), MINIMAL);

        assertThat(ConfigLoader.load(file, Map.of()).providers()).containsOnlyKeys("sim", "openai");
    }

    @Test
    void costIsComputedFromPerMillionPrices() {
        ModelConfig model = new ModelConfig(0.15, 0.60, 128_000, null, null, null);

        assertThat(model.cost(1_000_000, 500_000)).isEqualTo(0.45);
    }

    @Test
    void cacheDefaultsToBothTiersSharedForADay() {
        CacheSettings cache = ConfigLoader.parse(MINIMAL, "r.yaml", Map.of()).cache();
        assertThat(cache.enabled()).isTrue();
        assertThat(cache.scope()).isEqualTo(CacheSettings.Scope.SHARED);
        assertThat(cache.ttlMs()).isEqualTo(86_400_000L);
        assertThat(cache.maxTemperature()).isEqualTo(0.3);
        assertThat(cache.semantic().thresholdFor("auto")).isEqualTo(CacheSettings.Semantic.DEFAULT_THRESHOLD);
    }

    @Test
    void cacheScopeAndPerGroupThresholdsAreRead() {
        String yaml = MINIMAL + """
                cache:
                  scope: per-key
                  semantic:
                    group-thresholds: {gpt-4o: 0.97}
                """;
        CacheSettings cache = ConfigLoader.parse(yaml, "r.yaml", Map.of()).cache();
        assertThat(cache.scope()).isEqualTo(CacheSettings.Scope.PER_KEY);
        assertThat(cache.semantic().thresholdFor("gpt-4o")).isEqualTo(0.97);
    }

    @Test
    void semanticThresholdAboveOneIsReported() {
        String yaml = MINIMAL + """
                cache:
                  semantic: {threshold: 1.5}
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .hasMessageContaining("r.yaml: cache.semantic.threshold: must be above 0 and at most 1");
    }

    @Test
    void routingSectionIsReadWithDefaultsForWhatItLeavesOut() {
        String yaml = MINIMAL + """
                routing:
                  default-strategy: cost
                  weights:
                    cost: {price: 0.9, quality: 0.1, latency: 0}
                  groups:
                    mini-pool:
                      balance: least-busy
                      members: {openai/gpt-4o-mini: 3, sim/sim-fast: 1}
                  policies:
                    - name: gpu-business-hours
                      options: {zone: Europe/Berlin}
                """;

        RoutingSettings routing = ConfigLoader.parse(yaml, "r.yaml", Map.of()).routing();

        assertThat(routing.defaultStrategy()).isEqualTo(RoutingStrategy.COST);
        assertThat(routing.weightsOf(RoutingStrategy.COST)).isEqualTo(new RoutingSettings.Weights(0.9, 0.1, 0));
        assertThat(routing.weightsOf(RoutingStrategy.QUALITY).quality()).isEqualTo(0.8);
        assertThat(routing.groups().get("mini-pool").members()).containsEntry(TargetRef.parse("sim/sim-fast"), 1);
        assertThat(routing.groups().get("mini-pool").balance()).isEqualTo(ModelGroup.Balance.LEAST_BUSY);
        assertThat(routing.localFirst().share()).isEqualTo(0.7);
        assertThat(routing.policies().get(0).options()).containsEntry("zone", "Europe/Berlin");
    }

    @Test
    void routingProblemsAreReportedWithTheirPaths() {
        String yaml = MINIMAL + """
                routing:
                  weights:
                    latency: {price: -1, quality: 0, latency: 0}
                  local-first: {share: 1.5}
                  virtual-models:
                    auto: {simple: turbo}
                  groups:
                    pool:
                      members: {openai/gpt-5: 1}
                """;

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "routing.weights.latency: weights must not be negative",
                        "routing.weights.latency: at least one weight must be above 0",
                        "routing.local-first.share: must be above 0 and at most 1",
                        "routing.virtual-models.auto.simple: must be one of [fast, cheap, quality]",
                        "routing.groups.pool.members[0]: 'openai/gpt-5' names model 'gpt-5', which provider 'openai' "
                                + "does not list"));
    }

    @Test
    void unknownStrategyIsReportedWithItsPath() {
        String yaml = MINIMAL + "routing:\n  default-strategy: fastest\n";

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "r.yaml", Map.of()))
                .hasMessageContaining("routing.default-strategy: unknown strategy 'fastest'");
    }
}
