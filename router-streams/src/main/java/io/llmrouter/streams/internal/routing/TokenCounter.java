package io.llmrouter.streams.internal.routing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts prompt tokens the way a model will: exactly with the model's own encoding where jtokkit knows it
 * (OpenAI's models), otherwise with {@code cl100k_base} and a safety margin (Claude, Gemini, Llama and other
 * families have tokenizers of their own; their counts run within about ten percent of cl100k for English).
 */
public final class TokenCounter {

    /** Margin applied to the cl100k count of a model whose tokenizer is not known. */
    public static final double APPROXIMATION_MARGIN = 1.1;
    private static final Set<String> OPENAI_KINDS = Set.of("openai", "azure", "openrouter");

    private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
    private final Encoding fallback = registry.getEncoding(EncodingType.CL100K_BASE);
    private final Map<String, Optional<Encoding>> byModel = new ConcurrentHashMap<>();

    /** A token count, and whether it is exact. */
    public record Count(int tokens, boolean exact) {
    }

    /** Prompt tokens of a request for a model of a provider kind. */
    public Count count(PromptShape shape, String providerKind, String model) {
        int[] perMessage = perMessage(shape, providerKind, model);
        Optional<Encoding> own = ownEncoding(providerKind, model);
        return new Count(sum(perMessage, 0), own.isPresent());
    }

    /**
     * Tokens of each message for the model, the fixed part last; approximate counts carry the margin already.
     */
    public int[] perMessage(PromptShape shape, String providerKind, String model) {
        Optional<Encoding> own = ownEncoding(providerKind, model);
        if (own.isPresent()) {
            Encoding encoding = own.get();
            return shape.tokens(encoding.getName(), encoding::countTokensOrdinary);
        }
        int[] reference = shape.tokens(fallback.getName(), fallback::countTokensOrdinary);
        int[] approximate = new int[reference.length];
        for (int i = 0; i < reference.length; i++) {
            approximate[i] = (int) Math.ceil(reference[i] * APPROXIMATION_MARGIN);
        }
        return approximate;
    }

    /** Tokens of the prompt in cl100k, the reference the classifier uses. */
    public int reference(PromptShape shape) {
        return sum(shape.tokens(fallback.getName(), fallback::countTokensOrdinary), 0);
    }

    /** The sum of the counts from message {@code from} on (the fixed part always included). */
    static int sum(int[] counts, int from) {
        int total = 0;
        for (int i = from; i < counts.length; i++) {
            total += counts[i];
        }
        return total;
    }

    private Optional<Encoding> ownEncoding(String providerKind, String model) {
        if (!OPENAI_KINDS.contains(providerKind)) {
            return Optional.empty();
        }
        // OpenRouter names models as vendor/model.
        String bare = model.substring(model.lastIndexOf('/') + 1);
        return byModel.computeIfAbsent(bare, registry::getEncodingForModel);
    }
}
