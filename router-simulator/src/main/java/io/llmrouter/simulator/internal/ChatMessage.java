package io.llmrouter.simulator.internal;

import java.util.List;

/**
 * One message of a chat request, reduced to what the simulator answers from.
 *
 * @param role      {@code system}, {@code user}, {@code assistant}, ...
 * @param text      the text parts joined, empty when the message has none
 * @param imageUrls the URLs of its {@code image_url} parts
 */
public record ChatMessage(String role, String text, List<String> imageUrls) {

    public ChatMessage {
        imageUrls = List.copyOf(imageUrls);
    }
}
