package io.llmrouter.workers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives the chunks of a streamed answer, in order, as OpenAI {@code chat.completion.chunk} objects. */
@FunctionalInterface
public interface ChunkSink {

    /** One chunk; called from one thread at a time. */
    void chunk(ObjectNode chunk);
}
