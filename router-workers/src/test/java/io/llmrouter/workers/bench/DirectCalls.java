package io.llmrouter.workers.bench;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** Sequential chat completions straight to an upstream with the same HTTP client the workers use. */
final class DirectCalls {

    private DirectCalls() {
    }

    /** Sorted latencies in nanoseconds of the last {@code count / 5 * 4} calls, after the rest warmed up. */
    static long[] latencies(String baseUrl, String model, int count) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true));
            Context context = vertx.getOrCreateContext();
            int warmup = count / 5;
            long[] nanos = new long[count - warmup];
            for (int i = 0; i < count; i++) {
                String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"direct " + i + "\"}]}";
                RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                        .setAbsoluteURI(baseUrl + "/chat/completions").putHeader("Content-Type", "application/json");
                long started = System.nanoTime();
                CompletableFuture<Buffer> answer = new CompletableFuture<>();
                // One event loop for the whole exchange, as the workers do.
                context.runOnContext(v -> http.request(options)
                        .compose(r -> r.send(Buffer.buffer(body)).compose(HttpClientResponse::body))
                        .onComplete(ar -> {
                            if (ar.succeeded()) {
                                answer.complete(ar.result());
                            } else {
                                answer.completeExceptionally(ar.cause());
                            }
                        }));
                answer.get(10, TimeUnit.SECONDS);
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - started;
                }
            }
            Arrays.sort(nanos);
            return nanos;
        } finally {
            vertx.close();
        }
    }
}
