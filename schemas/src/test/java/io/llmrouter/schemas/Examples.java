package io.llmrouter.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The example records under {@code src/test/resources/examples}, read fresh on every call so tests may change them. */
final class Examples {

    private Examples() {
    }

    /** The example file {@code examples/<name>.json} as a JSON object. */
    static ObjectNode json(String name) {
        String resource = "examples/" + name + ".json";
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return (ObjectNode) WireFormat.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The full request example, every optional field set. */
    static ObjectNode request() {
        return json("request-full");
    }

    /** The successful reply example. */
    static ObjectNode okReply() {
        return json("reply-ok");
    }

    /** The error reply example. */
    static ObjectNode errorReply() {
        return json("reply-error");
    }
}
