package io.llmrouter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.llmrouter.schemas.Priority;

/**
 * One virtual API key a caller presents to the bridge, with what it may do. Only the key's SHA-256 is kept: a plain
 * {@code key} in the configuration is hashed at load and never written anywhere. The same record (without the plain
 * key) is the value of the compacted {@code llm.keys} topic for keys created through the admin endpoint.
 *
 * @param keySha256         lower-case hex SHA-256 of the key
 * @param key               the key itself, accepted in the configuration only to be hashed
 * @param allowedModels     model names the caller may ask for (concrete, group or virtual); empty means any
 * @param maxPriority       the most urgent priority the key may use; more urgent requests are lowered to it
 * @param requestsPerMinute requests per minute, as a token bucket
 * @param tokensPerMinute   prompt plus completion tokens per minute, as a token bucket
 * @param monthlyTokens     tokens per UTC calendar month
 * @param monthlyUsd        USD per UTC calendar month
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualKey(
        @JsonProperty("key-sha256") String keySha256,
        @JsonProperty(value = "key", access = JsonProperty.Access.WRITE_ONLY) Secret key,
        @JsonProperty("allowed-models") List<String> allowedModels,
        @JsonProperty("max-priority") Priority maxPriority,
        @JsonProperty("requests-per-minute") Long requestsPerMinute,
        @JsonProperty("tokens-per-minute") Long tokensPerMinute,
        @JsonProperty("monthly-tokens") Long monthlyTokens,
        @JsonProperty("monthly-usd") Double monthlyUsd) {

    /** Key ids become Kafka keys, log words and metric labels, so they are kept to a plain alphabet. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public VirtualKey {
        key = key == null ? Secret.empty() : key;
        if ((keySha256 == null || keySha256.isBlank()) && !key.isEmpty()) {
            keySha256 = KeyHash.sha256Hex(key.reveal());
        }
        keySha256 = keySha256 == null ? null : keySha256.trim().toLowerCase(Locale.ROOT);
        key = Secret.empty();
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
    }

    /** The limits the key ledger enforces, in the shape the quota ledger uses. */
    public QuotaConfig limits() {
        return new QuotaConfig(tokensPerMinute, requestsPerMinute, null, monthlyTokens, null, monthlyUsd);
    }

    /** True when any rate or budget limit is set. */
    @JsonIgnore
    public boolean limited() {
        return limits().limited();
    }

    /** What is wrong with the limits and model names, each as {@code path.field: problem}; empty when usable. */
    public List<String> limitProblems(String path) {
        List<String> problems = new ArrayList<>();
        positive(problems, path + ".requests-per-minute", requestsPerMinute);
        positive(problems, path + ".tokens-per-minute", tokensPerMinute);
        positive(problems, path + ".monthly-tokens", monthlyTokens);
        positive(problems, path + ".monthly-usd", monthlyUsd);
        if (allowedModels.stream().anyMatch(m -> m == null || m.isBlank())) {
            problems.add(path + ".allowed-models: names must not be empty");
        }
        return problems;
    }

    static void positive(List<String> problems, String path, Number value) {
        if (value != null && value.doubleValue() <= 0) {
            problems.add(path + ": must be above 0 (leave it out for no limit)");
        }
    }

    /** True when the caller may ask for this model. */
    public boolean allows(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }

    /** The priority a request asking for {@code asked} runs at: never more urgent than the ceiling. */
    public Priority clamp(Priority asked) {
        return maxPriority != null && asked.ordinal() < maxPriority.ordinal() ? maxPriority : asked;
    }
}
