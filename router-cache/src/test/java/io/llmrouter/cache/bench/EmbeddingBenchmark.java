package io.llmrouter.cache.bench;

import io.llmrouter.cache.BatchingEmbedder;
import io.llmrouter.cache.Embedder;
import io.llmrouter.cache.MiniLmEmbedder;
import io.llmrouter.cache.accuracy.Corpus;
import io.llmrouter.cache.accuracy.LabelledPair;
import io.llmrouter.cache.accuracy.ParaphraseData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * MiniLM embeddings per second on this machine: one text per call, batches of 1, 8 and 32 texts, and concurrent
 * single-text callers coalesced by {@link BatchingEmbedder}. Texts are Quora questions in file order (typical
 * prompt length, mixed lengths within a batch). Each figure is the best of three rounds, since the machine is shared.
 * Prints a Markdown table, also written to target/embedding-benchmark.md.
 */
class EmbeddingBenchmark {

    private static final int TEXTS = 1_024;
    private static final int WARM_UP = 256;
    private static final int CALLERS = 8;
    private static final int ROUNDS = 3;

    @Test
    void embeddingsPerSecond() throws Exception {
        List<String> texts = questions(TEXTS + WARM_UP);
        List<String> warmUp = texts.subList(0, WARM_UP);
        List<String> measured = texts.subList(WARM_UP, texts.size());
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%d cores, %d texts (Quora questions, mean %.0f characters); load average at start %.1f%n%n"
                        + "| setting | mode | embeddings/s (best of %d) | mean time per call |%n|---|---|---|---|%n",
                cores, measured.size(), measured.stream().mapToInt(String::length).average().orElse(0),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), ROUNDS));
        int[][] settings = {{cores, 1}, {1, cores}};
        for (int[] setting : settings) {
            String name = String.format(Locale.ROOT, "%d predictor(s) x %d thread(s)", setting[0], setting[1]);
            long loadStart = System.nanoTime();
            try (MiniLmEmbedder embedder = MiniLmEmbedder.load(Path.of("target", "minilm"), setting[0], setting[1])) {
                table.append(String.format(Locale.ROOT, "| %s | model load | - | %.0f ms |%n", name,
                        (System.nanoTime() - loadStart) / 1e6));
                embedder.embedAll(warmUp);
                warmUp.forEach(embedder::embed);
                table.append(row(name, "embed(), one text per call", measured.size(), measured.size(),
                        best(() -> measured.forEach(embedder::embed))));
                for (int batch : new int[] {1, 8, 32}) {
                    table.append(row(name, "embedAll(), batches of " + batch, measured.size(),
                            measured.size() / batch, best(() -> inBatches(embedder, measured, batch))));
                }
                table.append(row(name, CALLERS + " threads calling embed() through BatchingEmbedder (max 32)",
                        measured.size(), measured.size(), best(() -> concurrently(embedder, measured))));
            }
        }
        System.out.println(table);
        Files.writeString(Path.of("target", "embedding-benchmark.md"), table);
    }

    private static String row(String setting, String mode, int texts, int calls, double seconds) {
        return String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f ms |%n", setting, mode, texts / seconds,
                1000 * seconds / calls);
    }

    private static void inBatches(Embedder embedder, List<String> texts, int batch) {
        for (int from = 0; from < texts.size(); from += batch) {
            embedder.embedAll(texts.subList(from, Math.min(texts.size(), from + batch)));
        }
    }

    /** Each caller takes the next text and waits for its vector, as the topology's stream threads do. */
    private static void concurrently(Embedder embedder, List<String> texts) {
        Embedder shared = new Embedder() {
            @Override
            public int dimensions() {
                return embedder.dimensions();
            }

            @Override
            public List<float[]> embedAll(List<String> batch) {
                return embedder.embedAll(batch);
            }

            @Override
            public void close() {
            }
        };
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try (BatchingEmbedder batching = new BatchingEmbedder(shared, 32)) {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                running.add(callers.submit(() -> {
                    for (int at = next.getAndIncrement(); at < texts.size(); at = next.getAndIncrement()) {
                        batching.embed(texts.get(at));
                    }
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            callers.shutdownNow();
        }
    }

    /** Seconds of the fastest of {@link #ROUNDS} runs: other work on the machine only ever slows a run down. */
    private static double best(Runnable work) {
        double[] seconds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            work.run();
            seconds[round] = (System.nanoTime() - start) / 1e9;
        }
        return Arrays.stream(seconds).min().orElseThrow();
    }

    private static List<String> questions(int count) {
        LinkedHashSet<String> questions = new LinkedHashSet<>();
        for (LabelledPair pair : ParaphraseData.load()) {
            if (pair.corpus() == Corpus.QQP) {
                questions.add(pair.first());
                questions.add(pair.second());
            }
            if (questions.size() >= count) {
                break;
            }
        }
        return new ArrayList<>(questions).subList(0, count);
    }
}
