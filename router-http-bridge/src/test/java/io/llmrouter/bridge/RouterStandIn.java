package io.llmrouter.bridge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.bridge.internal.ReplyListener;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.TopicProvisioner;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Priority;
import io.llmrouter.schemas.StreamChunk;
import io.llmrouter.schemas.WireFormat;
import io.llmrouter.testsupport.KafkaTestCluster;
import io.llmrouter.testsupport.TestConfigs;
import io.llmrouter.testsupport.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays the router and its workers for one bridge: takes its requests and writes chunks and replies back. */
public final class RouterStandIn implements AutoCloseable {

    private final TopicReader requests;
    private final KafkaProducer<String, byte[]> producer;

    /** Starts reading the normal-priority request topic now; create it before the bridge gets calls. */
    public RouterStandIn(String bootstrapServers) {
        requests = TopicReader.fromNow(bootstrapServers, Priority.NORMAL.requestTopic());
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Starts a bridge on the bundled configuration (simulator only, a free port) whose replies go to
     * {@code llm.replies.<instanceId>}, after creating the shared topics; start it before the stand-in.
     */
    public static RouterBridge startBridge(String instanceId) {
        RouterConfig config = TestConfigs.bundled(KafkaTestCluster.bootstrapServers());
        config = config.withBridge(config.bridge().withPort(0).withInstanceId(instanceId));
        new TopicProvisioner(config.kafka()).ensure(TopicProvisioner.sharedTopics(config));
        return RouterBridge.start(config, Set.of("simulator"));
    }

    /** Waits for the request whose body mentions {@code marker}. */
    public LlmRequest awaitRequest(String marker) {
        return requests.await(LlmRequest.class, request -> request.body().toString().contains(marker),
                Duration.ofSeconds(30));
    }

    /** Writes one chunk of the request's stream. */
    public void chunk(LlmRequest request, int sequence, ObjectNode chunk) {
        send(request, WireFormat.toBytes(new StreamChunk(request.requestId(), sequence, chunk)), ReplyListener.CHUNK);
    }

    /** Writes the request's terminal ok reply with the whole completion. */
    public void ok(LlmRequest request, ObjectNode completion) {
        reply(request, new LlmReply(request.requestId(), LlmReply.Status.OK, "simulator", OpenAiChunks.MODEL,
                completion, null, null, null), ReplyListener.REPLY);
    }

    /** Writes the request's terminal error reply. */
    public void error(LlmRequest request, ErrorInfo error) {
        reply(request, LlmReply.error(request.requestId(), error, null, null), ReplyListener.REPLY);
    }

    /** Writes a terminal reply; with a null {@code type}, without the type header, as older producers do. */
    public void reply(LlmRequest request, LlmReply reply, String type) {
        send(request, WireFormat.toBytes(reply), type);
    }

    private void send(LlmRequest request, byte[] value, String type) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(request.replyTo(), request.requestId(), value);
        if (type != null) {
            record.headers().add(ReplyListener.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write to " + request.replyTo(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
        requests.close();
    }
}
