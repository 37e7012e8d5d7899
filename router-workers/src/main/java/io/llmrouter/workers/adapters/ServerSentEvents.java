package io.llmrouter.workers.adapters;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/** Turns a {@code text/event-stream} body arriving in pieces into events. */
public final class ServerSentEvents {

    /**
     * One event.
     *
     * @param name the {@code event:} field, or {@code message} when absent
     * @param data the {@code data:} lines joined with newlines
     */
    public record Event(String name, String data) {
    }

    private final LineSplitter lines = new LineSplitter();
    private String name;
    private final StringBuilder data = new StringBuilder();

    /** The events completed by this piece. */
    public List<Event> feed(Buffer piece) {
        List<Event> events = new ArrayList<>();
        for (String line : lines.feed(piece)) {
            if (line.isEmpty()) {
                if (data.length() > 0 || name != null) {
                    events.add(new Event(name == null ? "message" : name, data.toString()));
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(stripSpace(line.substring(5)));
            } else if (line.startsWith("event:")) {
                name = stripSpace(line.substring(6));
            }
        }
        return events;
    }

    private static String stripSpace(String value) {
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
