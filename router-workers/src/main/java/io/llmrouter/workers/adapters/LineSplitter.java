package io.llmrouter.workers.adapters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/** Splits a body arriving in pieces into complete lines (NDJSON, Server-Sent Events), whatever the piece borders. */
public final class LineSplitter {

    private final StringBuilder pending = new StringBuilder();

    /** The lines completed by this piece, without their line endings. */
    public List<String> feed(Buffer piece) {
        pending.append(piece.toString(StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < pending.length(); i++) {
            if (pending.charAt(i) == '\n') {
                int end = i > start && pending.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(pending.substring(start, end));
                start = i + 1;
            }
        }
        pending.delete(0, start);
        return lines;
    }

    /** What is left after the last line ending, at the end of the body. */
    public String rest() {
        return pending.toString();
    }
}
