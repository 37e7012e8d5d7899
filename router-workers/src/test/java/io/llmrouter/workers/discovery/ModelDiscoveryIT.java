package io.llmrouter.workers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.ScriptedUpstream;
import io.llmrouter.testsupport.TopicReader;
import io.llmrouter.workers.WorkerPool;
import org.junit.jupiter.api.Test;

/** A worker pool publishes the model list of every provider it serves to llm.models as it starts. */
class ModelDiscoveryIT {

    private static final String KEY = "sk-it-key-5d21";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RouterConfig config(ScriptedUpstream openai, ScriptedUpstream gemini, ScriptedUpstream broken) {
        String yaml = """
                kafka:
                  bootstrap-servers: %s
                  topics: {request-partitions: 1, work-partitions: 1, reply-partitions: 1, reply-topics: []}
                providers:
                  listed:
                    kind: openai
                    base-url: %s/v1
                    api-key: %s
                    models:
                      gpt-4o-mini: {context-window: 128000}
                  google:
                    kind: gemini
                    base-url: %s
                    api-key: %s
                    models:
                      gemini-2.0-flash: {context-window: 1000000}
                  broken:
                    kind: openai
                    base-url: %s/v1
                    api-key: %s
                    models:
                      m1: {context-window: 8000}
                routes:
                  default:
                    targets: [listed/gpt-4o-mini]
                """.formatted(KafkaTestCluster.bootstrapServers(), openai.url(), KEY, gemini.url(), KEY, broken.url(),
                KEY);
        RouterConfig config = ConfigLoader.parse(yaml, "discovery-it.yaml", Map.of());
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        return config;
    }

    @Test
    void eachServedProviderGetsARecordWithItsModelsAndAFailingOneAnErrorWithoutTheKey() {
        try (ScriptedUpstream openai = new ScriptedUpstream();
             ScriptedUpstream gemini = new ScriptedUpstream();
             ScriptedUpstream broken = new ScriptedUpstream()) {
            openai.byDefault(ScriptedUpstream.json("""
                    {"object":"list","data":[
                      {"id":"gpt-4o","object":"model","created":1,"owned_by":"system"},
                      {"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"system"}]}"""));
            gemini.byDefault(ScriptedUpstream.json("""
                    {"models":[{"name":"models/gemini-2.0-flash"},{"name":"models/gemini-2.5-pro"}]}"""));
            broken.byDefault(ScriptedUpstream.error(401, """
                    {"error":{"message":"Incorrect API key provided: %s","type":"invalid_request_error"}}"""
                    .formatted(KEY), Map.of()));
            RouterConfig config = config(openai, gemini, broken);

            try (TopicReader models = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), Topics.MODELS);
                 WorkerPool pool = WorkerPool.start(config, Set.of("listed", "google", "broken"), 2)) {
                ModelList listed = models.await(ModelList.class, list -> "listed".equals(list.provider()), WAIT);
                ModelList google = models.await(ModelList.class, list -> "google".equals(list.provider()), WAIT);
                ModelList failed = models.await(ModelList.class, list -> "broken".equals(list.provider()), WAIT);

                assertThat(listed.models()).containsExactly("gpt-4o", "gpt-4o-mini");
                assertThat(listed.configured()).containsExactly("gpt-4o-mini");
                assertThat(listed.error()).isNull();
                assertThat(google.models()).containsExactly("gemini-2.0-flash", "gemini-2.5-pro");
                assertThat(failed.models()).isEmpty();
                assertThat(failed.configured()).containsExactly("m1");
                assertThat(failed.error()).startsWith("HTTP 401").doesNotContain(KEY);
                assertThat(models.records()).allSatisfy(record -> {
                    ModelList value = WireFormat.fromBytes(record.value(), ModelList.class);
                    assertThat(record.key()).isEqualTo(value.provider());
                    assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(KEY);
                });
                assertThat(openai.calls()).first().satisfies(call -> {
                    assertThat(call.method()).isEqualTo("GET");
                    assertThat(call.path()).isEqualTo("/v1/models");
                    assertThat(call.headers()).containsEntry("Authorization", "Bearer " + KEY);
                });
                assertThat(gemini.calls()).first().satisfies(call -> {
                    assertThat(call.path()).isEqualTo("/v1beta/models?pageSize=1000");
                    assertThat(call.headers()).containsEntry("x-goog-api-key", KEY);
                });
            }
        }
    }
}
