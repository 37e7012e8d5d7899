package io.llmrouter.config;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One model a provider serves, with its prices and limits.
 *
 * @param inputPricePerMtok  USD per million input tokens
 * @param outputPricePerMtok USD per million output tokens
 * @param contextWindow      tokens the model accepts, prompt plus completion
 * @param capabilities       what it supports beyond text chat: {@code vision}, {@code tools}, {@code json_mode}
 * @param quality            relative answer quality from 0 to 1, used by routing strategies
 * @param upstreamName       the model's name at the provider (an Azure deployment, say), when it differs
 * @param labels             free-form tags routing policies may use, e.g. {@code gpu}
 * @param quota              tokens, requests and spend this model may use at its provider; unlimited when absent
 */
public record ModelConfig(
        @JsonProperty("input-price-per-mtok") double inputPricePerMtok,
        @JsonProperty("output-price-per-mtok") double outputPricePerMtok,
        @JsonProperty("context-window") int contextWindow,
        @JsonProperty("capabilities") Set<String> capabilities,
        @JsonProperty("quality") Double quality,
        @JsonProperty("upstream-name") String upstreamName,
        @JsonProperty("labels") Set<String> labels,
        @JsonProperty("quota") QuotaConfig quota) {

    /** Capabilities a model can declare. */
    public static final Set<String> KNOWN_CAPABILITIES = Set.of("vision", "tools", "json_mode");

    public ModelConfig {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        quality = quality == null ? 0.5 : quality;
        labels = labels == null ? Set.of() : Set.copyOf(labels);
        quota = quota == null ? QuotaConfig.UNLIMITED : quota;
    }

    /** A model without a quota. */
    public ModelConfig(double inputPricePerMtok, double outputPricePerMtok, int contextWindow, Set<String> capabilities,
                       Double quality, String upstreamName, Set<String> labels) {
        this(inputPricePerMtok, outputPricePerMtok, contextWindow, capabilities, quality, upstreamName, labels, null);
    }

    /** The same model with another quota. */
    public ModelConfig withQuota(QuotaConfig newQuota) {
        return new ModelConfig(inputPricePerMtok, outputPricePerMtok, contextWindow, capabilities, quality, upstreamName,
                labels, newQuota);
    }

    /** A model without labels. */
    public ModelConfig(double inputPricePerMtok, double outputPricePerMtok, int contextWindow, Set<String> capabilities,
                       Double quality, String upstreamName) {
        this(inputPricePerMtok, outputPricePerMtok, contextWindow, capabilities, quality, upstreamName, null, null);
    }

    /** Price in USD of one call with the given token counts. */
    public double cost(long promptTokens, long completionTokens) {
        return (promptTokens * inputPricePerMtok + completionTokens * outputPricePerMtok) / 1_000_000.0;
    }
}
