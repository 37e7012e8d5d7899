package io.llmrouter.streams.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmrouter.schemas.DeadLetter;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.LlmReply;
import io.llmrouter.schemas.LlmRequest;
import io.llmrouter.schemas.Topics;
import io.llmrouter.schemas.WireFormat;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of the topology: turns raw bytes from a request topic into a valid {@link LlmRequest}.
 *
 * <p>Anything else is a poison record: it goes whole to the dead-letter topic, and its sender
 * gets an error reply when a reply topic can be read from it. Nothing here throws, so one bad
 * record can never stop the stream.
 */
public final class RequestIntake implements Processor<String, byte[], String, Object> {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final String acceptedChild;
    private final String dispatchChild;
    private final RequestValidator validator;
    private final Predicate<String> topicExists;
    private final Clock clock;
    private ProcessorContext<String, Object> context;

    public RequestIntake(String acceptedChild, String dispatchChild, RequestValidator validator,
                         Predicate<String> topicExists, Clock clock) {
        this.acceptedChild = acceptedChild;
        this.dispatchChild = dispatchChild;
        this.validator = validator;
        this.topicExists = topicExists;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RequestValidator.Result result = validator.validate(record.value());
        String problem = result.problem();
        if (problem == null && !topicExists.test(result.request().replyTo())) {
            problem = "reply_to topic '" + result.request().replyTo() + "' does not exist";
        }
        if (problem == null) {
            context.forward(record.withValue(result.request()), acceptedChild);
            return;
        }
        reject(record, problem);
    }

    private void reject(Record<String, byte[]> record, String problem) {
        Optional<JsonNode> tree = lenientTree(record.value());
        String requestId = tree.map(t -> t.path("request_id").asText(null)).orElse(record.key());
        String replyTo = tree.map(t -> t.path("reply_to").asText(null)).orElse(null);
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        DeadLetter deadLetter = new DeadLetter(source.topic(), source.partition(), source.offset(), clock.millis(),
                problem, requestId, replyTo, payload);
        context.forward(record.withKey(requestId).withValue(Outbound.of(Topics.DEAD_LETTER, deadLetter)), dispatchChild);
        if (requestId != null && replyTo != null && TOPIC_NAME.matcher(replyTo).matches() && topicExists.test(replyTo)) {
            LlmReply reply = LlmReply.error(requestId, ErrorInfo.invalidRequest("Rejected request: " + problem, null),
                    null, null);
            context.forward(record.withKey(requestId).withValue(Outbound.of(replyTo, reply)), dispatchChild);
        }
    }

    private static Optional<JsonNode> lenientTree(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode tree = WireFormat.mapper().readTree(value);
            return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
