package io.llmrouter.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A record that could not be processed, kept whole on {@link Topics#DEAD_LETTER} with the reason.
 *
 * @param sourceTopic  where the record was read
 * @param partition    its partition
 * @param offset       its offset
 * @param timestamp    epoch milliseconds when it was dead-lettered
 * @param reason       why it could not be processed
 * @param requestId    the request id, when one could be read
 * @param replyTo      the reply topic, when one could be read
 * @param payload      the original value as UTF-8 text (invalid bytes replaced)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String sourceTopic, int partition, long offset, long timestamp, String reason,
                         String requestId, String replyTo, String payload) {
}
