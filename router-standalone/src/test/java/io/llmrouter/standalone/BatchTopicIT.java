package io.llmrouter.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.llmrouter.schemas.DeadLetter;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.Topics;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.RequestRecords;
import io.llmrouter.testsupport.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch jobs: any Kafka producer publishes requests and reads replies from the topic it named. */
class BatchTopicIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RouterUnderTest router;
    private static KafkaProducer<String, byte[]> producer;
    private TopicReader results;
    private TopicReader deadLetters;

    @BeforeAll
    static void startRouter() {
        router = RouterUnderTest.start();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", KafkaTestCluster.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopRouter() {
        producer.close();
        router.close();
    }

    @BeforeEach
    void openReaders() {
        results = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), Topics.BATCH_RESULTS);
        deadLetters = TopicReader.fromNow(KafkaTestCluster.bootstrapServers(), Topics.DEAD_LETTER);
    }

    @AfterEach
    void closeReaders() {
        results.close();
        deadLetters.close();
    }

    private void publish(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
    }

    @Test
    void lowPriorityRequestIsAnsweredOnTheTopicItNames() {
        LlmRequest request = RequestRecords.chat(Priority.LOW, Topics.BATCH_RESULTS, "auto", "summarize this");

        publish(Topics.requestTopics().get(3), request.requestId(), RequestRecords.bytes(request));

        LlmReply reply = results.await(LlmReply.class, r -> r.requestId().equals(request.requestId()), WAIT);
        assertThat(reply.isOk()).isTrue();
        assertThat(reply.provider()).isEqualTo("simulator");
        assertThat(reply.response().path("choices").get(0).path("message").path("content").asText())
                .contains("summarize this");
    }

    @Test
    void everyRequestOfABatchGetsExactlyOneReply() {
        List<LlmRequest> batch = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> RequestRecords.chat(Priority.LOW, Topics.BATCH_RESULTS, "auto", "item " + i)).toList();
        List<String> ids = batch.stream().map(LlmRequest::requestId).toList();

        batch.forEach(r -> publish(Priority.LOW.requestTopic(), r.requestId(), RequestRecords.bytes(r)));

        List<LlmReply> replies = results.awaitAll(LlmReply.class, r -> ids.contains(r.requestId()), ids.size(), WAIT);
        assertThat(replies).extracting(LlmReply::requestId).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void poisonRecordIsDeadLetteredAndTheNextRecordIsStillServed() {
        LlmRequest good = RequestRecords.chat(Priority.NORMAL, Topics.BATCH_RESULTS, "auto", "after the poison");

        publish(Priority.NORMAL.requestTopic(), "poison", "\u0000not json at all".getBytes(StandardCharsets.UTF_8));
        publish(Priority.NORMAL.requestTopic(), good.requestId(), RequestRecords.bytes(good));

        DeadLetter dead = deadLetters.await(DeadLetter.class, d -> "poison".equals(d.requestId()), WAIT);
        assertThat(dead.sourceTopic()).isEqualTo(Priority.NORMAL.requestTopic());
        assertThat(dead.reason()).startsWith("not valid JSON");
        assertThat(results.await(LlmReply.class, r -> r.requestId().equals(good.requestId()), WAIT).isOk()).isTrue();
    }

    @Test
    void requestCarryingASecretIsDeadLetteredAndAnsweredWithAnError() {
        String record = "{\"request_id\":\"with-secret\",\"priority\":\"low\",\"reply_to\":\"llm.results\",\"created_at\":1,"
                + "\"api_key\":\"k-should-never-travel\",\"body\":{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}";

        publish(Priority.LOW.requestTopic(), "with-secret", record.getBytes(StandardCharsets.UTF_8));

        LlmReply reply = results.await(LlmReply.class, r -> r.requestId().equals("with-secret"), WAIT);
        assertThat(reply.error().status()).isEqualTo(400);
        assertThat(reply.error().message()).contains("api_key");
        assertThat(deadLetters.await(DeadLetter.class, d -> "with-secret".equals(d.requestId()), WAIT).reason())
                .contains("api_key");
    }

    @Test
    void requestNamingAMissingReplyTopicIsDeadLettered() {
        LlmRequest request = RequestRecords.chat(Priority.HIGH, "llm.nobody-reads-this", "auto", "lost?");

        publish(Priority.HIGH.requestTopic(), request.requestId(), RequestRecords.bytes(request));

        assertThat(deadLetters.await(DeadLetter.class, d -> request.requestId().equals(d.requestId()), WAIT).reason())
                .contains("does not exist");
    }
}
