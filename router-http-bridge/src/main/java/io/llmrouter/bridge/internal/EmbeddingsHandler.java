package io.llmrouter.bridge.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmrouter.bridge.internal.ChatRequestCheck.InvalidRequest;
import io.llmrouter.schemas.ErrorInfo;
import io.llmrouter.schemas.WireFormat;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/embeddings}, answered by the bridge itself with the local model: no provider, no Kafka hop.
 * The model runs on Vert.x's worker pool, never on the event loop that serves every other call. Calls are told
 * to the observer as provider {@value #PROVIDER}, so they show in the metrics beside the chat calls.
 */
public final class EmbeddingsHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingsHandler.class);

    /** The provider label of embeddings calls: the bridge's own model. */
    static final String PROVIDER = "local";

    private final Vertx vertx;
    private final EmbeddingModel model;
    private final CallObserver observer;
    private final KeyGate gate;

    /** @param gate checks the caller's virtual key when keys are configured: the model's time is not free */
    public EmbeddingsHandler(Vertx vertx, EmbeddingModel model, CallObserver observer, KeyGate gate) {
        this.vertx = vertx;
        this.model = model;
        this.observer = observer;
        this.gate = gate;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ObservedCall call = ObservedCall.start(observer, ObservedCall.EMBEDDINGS, System.nanoTime());
        EmbeddingsRequest request;
        try {
            gate.authenticate(ctx.request());
            request = EmbeddingsRequest.parse(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes(),
                    model.dimensions());
        } catch (InvalidRequest e) {
            call.refused(e.error());
            OpenAiResponses.error(ctx.response(), e.error());
            return;
        }
        vertx.<ObjectNode>executeBlocking(() -> answer(request, model), false).onComplete(done -> {
            if (done.succeeded()) {
                long tokens = done.result().path("usage").path("prompt_tokens").asLong(0);
                call.served(PROVIDER, EmbeddingsRequest.MODEL,
                        new ReplyFacts(tokens, 0, OptionalDouble.empty(), Optional.empty()));
                OpenAiResponses.json(ctx.response(), 200, done.result());
            } else {
                LOG.warn("embedding failed: {}", done.cause().toString());
                ErrorInfo error = ErrorInfo.internal("The embedding model failed");
                call.refused(error);
                OpenAiResponses.error(ctx.response(), error);
            }
        });
    }

    /**
     * OpenAI's reply: {@code {"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}},
     * each vector a JSON array of numbers or, for {@code encoding_format: base64}, a base64 string of
     * little-endian float32s.
     */
    static ObjectNode answer(EmbeddingsRequest request, EmbeddingModel model) {
        List<float[]> vectors = model.embed(request.inputs());
        int tokens = request.inputs().stream().mapToInt(model::tokens).sum();
        ObjectNode body = WireFormat.mapper().createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (request.base64()) {
                item.put("embedding", base64(vectors.get(i)));
            } else {
                ArrayNode numbers = item.putArray("embedding");
                for (float value : vectors.get(i)) {
                    numbers.add(value);
                }
            }
        }
        body.put("model", EmbeddingsRequest.MODEL);
        body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return body;
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
