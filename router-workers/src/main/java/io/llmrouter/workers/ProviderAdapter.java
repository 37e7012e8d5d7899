package io.llmrouter.workers;

import java.util.concurrent.CompletableFuture;

import io.llmrouter.schemas.LlmRequest;

/**
 * Calls one upstream provider for a routed request and answers in OpenAI's shapes.
 *
 * <p>The request's {@code route.model} is the configured model name; adapters send
 * {@link AdapterContext#upstreamModel(LlmRequest)} upstream. Neither method completes exceptionally:
 * every failure is an {@link UpstreamResult} with its {@link UpstreamResult.Failure} kind.
 */
public interface ProviderAdapter {

    /** One chat completion, not streamed. */
    CompletableFuture<UpstreamResult> complete(LlmRequest request);

    /**
     * A streamed chat completion: each OpenAI {@code chat.completion.chunk} goes to the sink in order,
     * and the result carries the whole answer put together, with usage. A failure after the first
     * chunk is {@link UpstreamResult.Failure#STREAM_BROKEN}.
     */
    CompletableFuture<UpstreamResult> stream(LlmRequest request, ChunkSink sink);
}
