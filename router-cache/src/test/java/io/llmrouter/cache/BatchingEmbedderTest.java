package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BatchingEmbedderTest {

    /** Encodes each text as a vector holding its length, records batch sizes, and blocks on demand. */
    private static final class RecordingEmbedder implements Embedder {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final CountDownLatch firstBatchStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean closed;

        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            batchSizes.add(texts.size());
            firstBatchStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return texts.stream().map(text -> new float[] {text.length()}).toList();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void concurrentCallersEachGetTheirOwnVector() throws Exception {
        RecordingEmbedder recording = new RecordingEmbedder();
        recording.release.countDown();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (BatchingEmbedder batching = new BatchingEmbedder(recording, 16)) {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = "x".repeat(i + 1);
                results.add(callers.submit(() -> batching.embed(text)));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(results.get(i).get()[0]).isEqualTo(i + 1);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void requestsWaitingWhileTheModelIsBusyGoInOneBatch() throws Exception {
        RecordingEmbedder recording = new RecordingEmbedder();
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try (BatchingEmbedder batching = new BatchingEmbedder(recording, 16)) {
            Future<float[]> first = callers.submit(() -> batching.embed("a"));
            recording.firstBatchStarted.await();
            List<Future<float[]>> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                waiting.add(callers.submit(() -> batching.embed("bb")));
            }
            while (queued(batching) < 5) {
                Thread.onSpinWait();
            }
            recording.release.countDown();
            first.get();
            for (Future<float[]> result : waiting) {
                assertThat(result.get()).containsExactly(2f);
            }
            assertThat(recording.batchSizes).containsExactly(1, 5);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aBatchNeverExceedsTheLimit() throws Exception {
        RecordingEmbedder recording = new RecordingEmbedder();
        ExecutorService callers = Executors.newFixedThreadPool(11);
        try (BatchingEmbedder batching = new BatchingEmbedder(recording, 4)) {
            List<Future<float[]>> results = new ArrayList<>();
            results.add(callers.submit(() -> batching.embed("first")));
            recording.firstBatchStarted.await();
            for (int i = 0; i < 10; i++) {
                results.add(callers.submit(() -> batching.embed("next")));
            }
            while (queued(batching) < 10) {
                Thread.onSpinWait();
            }
            recording.release.countDown();
            for (Future<float[]> result : results) {
                result.get();
            }
            assertThat(recording.batchSizes).containsExactly(1, 4, 4, 2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void closingClosesTheDelegateAndRefusesNewWork() {
        RecordingEmbedder recording = new RecordingEmbedder();
        BatchingEmbedder batching = new BatchingEmbedder(recording, 4);
        batching.close();
        assertThat(recording.closed).isTrue();
        assertThatThrownBy(() -> batching.embed("late")).isInstanceOf(IllegalStateException.class);
    }

    private static int queued(BatchingEmbedder batching) {
        return batching.waiting();
    }
}
