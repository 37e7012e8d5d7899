package io.llmrouter.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Takes a streamed body as it arrives, so a test can see which events came before a stream went silent. */
final class StreamRecorder implements Flow.Subscriber<List<ByteBuffer>> {

    private static final String DATA = "data: ";

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();
    // Bytes of an event still incomplete; the blank line that ends an event is ASCII, so cutting there is safe.
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        newSubscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            pending.writeBytes(bytes);
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        int cut;
        while ((cut = text.indexOf("\n\n")) >= 0) {
            String event = text.substring(0, cut);
            if (event.startsWith(DATA)) {
                events.add(event.substring(DATA.length()));
            }
            text = text.substring(cut + 2);
        }
        pending.reset();
        pending.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onError(Throwable error) {
        end.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        end.complete(null);
    }

    /** The {@code data:} payload of the next event, or empty when none arrives within {@code wait}. */
    Optional<String> nextEvent(Duration wait) throws InterruptedException {
        return Optional.ofNullable(events.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Whether the body ended, normally or not, within {@code wait}. */
    boolean endsWithin(Duration wait) throws InterruptedException {
        try {
            end.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Stops taking the body, which lets the client drop the connection. */
    void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
