package io.llmrouter.workers.adapters;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

/** Turns one provider's streamed body, piece by piece, into OpenAI {@code chat.completion.chunk}s. */
public interface ChunkDecoder {

    /** The chunks completed by this piece of the body; throws {@link StreamFailure} for an error event. */
    List<ObjectNode> decode(Buffer piece);

    /** An error the provider reported inside its stream (Anthropic's {@code event: error}, say). */
    final class StreamFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public StreamFailure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** The HTTP status this error corresponds to, e.g. 529 for overloaded. */
        public int status() {
            return status;
        }
    }
}
