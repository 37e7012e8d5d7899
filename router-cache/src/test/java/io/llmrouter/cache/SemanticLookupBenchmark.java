package io.llmrouter.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * Lookup latency, insert throughput and heap of the semantic index, brute force against HNSW. Run with
 * {@code mvn -B -Pbench verify -pl router-cache -am -Dit.test=SemanticLookupBenchmark}; results go to stdout and
 * {@code router-cache/target/semantic-lookup-benchmark.txt}. It measures; it asserts nothing.
 */
class SemanticLookupBenchmark {

    private static final int DIMENSIONS = 384;
    private static final int ENTRIES = 100_000;
    private static final int QUERIES = 20_000;
    private static final int WARM_UP = 5_000;
    // Enough to use up the slots a 100,000-entry graph was built with (twice the entries at its last rebuild).
    private static final int CHURN = 30_000;
    private static final double THRESHOLD = 0.92;
    private static final SemanticScope SCOPE = new SemanticScope("*", "chat-fast", "system-a");

    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        line("cores %d, max heap %d MiB, java %s", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        if (Boolean.getBoolean("lookupOnly")) {
            // -DlookupOnly=true: only the figure the target names, lookups at 100,000 entries (a few minutes).
            lookupsAtFullSize();
        } else {
            crossover();
            oneLargeScope();
            manyScopes();
        }
        Files.writeString(Path.of("target", "semantic-lookup-benchmark.txt"), report, StandardCharsets.UTF_8);
    }

    /** Brute force and HNSW side by side at growing scope sizes, to place the default cutoff. */
    private void crossover() {
        line("%n== one scope, brute force vs HNSW, by size (%d queries after %d warm-up) ==", QUERIES / 4, WARM_UP);
        for (int size : new int[] {500, 1_000, 2_000, 5_000, 10_000}) {
            Workload workload = Workload.singleScope(size, 1);
            for (boolean hnsw : new boolean[] {false, true}) {
                SemanticCache cache = cache(hnsw ? 1 : Integer.MAX_VALUE);
                workload.fill(cache);
                line("%-11s %,7d entries: %s", hnsw ? "hnsw" : "brute force", size,
                        latency(cache, workload, QUERIES / 4).summary());
            }
        }
    }

    private void lookupsAtFullSize() {
        line("%n== one scope, %,d entries, lookups only ==", ENTRIES);
        Workload workload = Workload.singleScope(ENTRIES, 1);
        SemanticCache hnsw = cache(SemanticCacheSettings.DEFAULT_BRUTE_FORCE_CUTOFF);
        long started = System.nanoTime();
        workload.fill(hnsw);
        line("fill: %.1f s", (System.nanoTime() - started) / 1e9);
        line("hnsw lookups: %s", latency(hnsw, workload, QUERIES).summary());
    }

    private void oneLargeScope() throws Exception {
        line("%n== one scope, %,d entries ==", ENTRIES);
        Workload workload = Workload.singleScope(ENTRIES, 1);
        long before = usedHeap();
        SemanticCache hnsw = cache(SemanticCacheSettings.DEFAULT_BRUTE_FORCE_CUTOFF);
        long started = System.nanoTime();
        workload.fill(hnsw);
        double seconds = (System.nanoTime() - started) / 1e9;
        long heap = usedHeap() - before;
        line("fill (HNSW, one writer thread): %.1f s, %,.0f inserts/s; heap %d MiB (%,d bytes per entry, vectors "
                + "%,d of them)", seconds, ENTRIES / seconds, heap >> 20, heap / ENTRIES, DIMENSIONS * 4);
        Latency latency = latency(hnsw, workload, QUERIES);
        line("hnsw lookups: %s", latency.summary());

        SemanticCache exact = cache(Integer.MAX_VALUE);
        workload.fill(exact);
        // Each lookup reads every vector here, so a short warm-up suffices and a long run would take minutes.
        line("brute force lookups: %s", latency(exact, workload, 200, 1_000).summary());
        line("hnsw best match equals brute force best match: %.1f%% of 1,000 queries (half near-duplicates)",
                agreement(hnsw, exact, workload, 1_000));

        line("hnsw lookups from 2 threads while a writer inserts: %s", concurrent(hnsw, workload));

        // New keys into the full cache: each insert evicts one entry, and once the graph's slots are used up the
        // writer rebuilds it from the live entries; the longest single insert is that rebuild.
        Workload churn = Workload.singleScope(CHURN, 2);
        long longest = 0;
        started = System.nanoTime();
        for (int i = 0; i < CHURN; i++) {
            long putStarted = System.nanoTime();
            churn.put(hnsw, i);
            longest = Math.max(longest, System.nanoTime() - putStarted);
        }
        seconds = (System.nanoTime() - started) / 1e9;
        line("%,d more inserts into the full cache (each evicts one): %.1f s, %,.0f inserts/s; longest insert "
                + "%.1f s (graph rebuild); lookups after: %s", CHURN, seconds, CHURN / seconds, longest / 1e9,
                latency(hnsw, workload, QUERIES / 4).summary());
    }

    private void manyScopes() {
        line("%n== %,d entries over 300 scopes of skewed sizes ==", ENTRIES);
        Workload workload = Workload.skewedScopes(ENTRIES, 300, 3);
        SemanticCache cache = cache(SemanticCacheSettings.DEFAULT_BRUTE_FORCE_CUTOFF);
        long started = System.nanoTime();
        workload.fill(cache);
        double seconds = (System.nanoTime() - started) / 1e9;
        long hnswScopes = workload.scopes.stream().distinct().filter(cache::approximate).count();
        line("fill: %.1f s, %,.0f inserts/s; scopes on HNSW: %d, largest scope %,d entries", seconds,
                ENTRIES / seconds, hnswScopes, workload.largestScope());
        line("lookups: %s", latency(cache, workload, QUERIES).summary());
    }

    private static SemanticCache cache(int bruteForceCutoff) {
        return new SemanticCache(SemanticCacheSettings.defaults().withMaxEntries(ENTRIES)
                .withBruteForceCutoff(bruteForceCutoff), Clock.systemUTC());
    }

    private static Latency latency(SemanticCache cache, Workload workload, int queries) {
        return latency(cache, workload, WARM_UP, queries);
    }

    private static Latency latency(SemanticCache cache, Workload workload, int warmUp, int queries) {
        Random random = new Random(5);
        for (int i = 0; i < warmUp; i++) {
            Query query = workload.query(random);
            cache.lookup(query.scope(), "q", query.vector(), THRESHOLD, HitVerifier.COSINE_ONLY);
        }
        long[] nanos = new long[queries];
        int hits = 0;
        for (int i = 0; i < queries; i++) {
            Query query = workload.query(random);
            long started = System.nanoTime();
            Optional<SemanticHit> hit = cache.lookup(query.scope(), "q", query.vector(), THRESHOLD,
                    HitVerifier.COSINE_ONLY);
            nanos[i] = System.nanoTime() - started;
            hits += hit.isPresent() ? 1 : 0;
        }
        return new Latency(nanos, hits);
    }

    private static double agreement(SemanticCache approximate, SemanticCache exact, Workload workload, int queries) {
        Random random = new Random(9);
        int agreeing = 0;
        for (int i = 0; i < queries; i++) {
            Query query = workload.query(random);
            if (best(approximate, query).equals(best(exact, query))) {
                agreeing++;
            }
        }
        return 100.0 * agreeing / queries;
    }

    private static Optional<String> best(SemanticCache cache, Query query) {
        return cache.lookup(query.scope(), "q", query.vector(), -1.0, HitVerifier.COSINE_ONLY)
                .map(SemanticHit::key);
    }

    /** Two reader threads each measure lookups while the caller's thread keeps replacing entries. */
    private static String concurrent(SemanticCache cache, Workload workload) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Latency>> results = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                results.add(readers.submit(() -> latency(cache, workload, QUERIES / 2)));
            }
            int written = 0;
            while (results.stream().anyMatch(result -> !result.isDone())) {
                // Re-inserting an existing key replaces it: a removal and an insert in the graph.
                workload.put(cache, written++ % workload.size());
            }
            long[] all = new long[0];
            int hits = 0;
            for (Future<Latency> result : results) {
                Latency latency = result.get();
                int offset = all.length;
                all = Arrays.copyOf(all, offset + latency.nanos().length);
                System.arraycopy(latency.nanos(), 0, all, offset, latency.nanos().length);
                hits += latency.hits();
            }
            return new Latency(all, hits).summary() + String.format(Locale.ROOT, "; %,d writes meanwhile", written);
        } finally {
            readers.shutdownNow();
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append(System.lineSeparator());
    }

    private record Query(SemanticScope scope, float[] vector) {
    }

    private record Latency(long[] nanos, int hits) {

        String summary() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, "
                            + "hit rate at %.2f %.0f%% (n=%,d)", at(sorted, 0.50), at(sorted, 0.99),
                    at(sorted, 0.999), sorted[sorted.length - 1] / 1e6, THRESHOLD, 100.0 * hits / nanos.length,
                    nanos.length);
        }

        private static double at(long[] sorted, double quantile) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }

    /** Stored vectors with their scopes, and queries drawn half as near-duplicates of them, half fresh. */
    private static final class Workload {

        private final List<SemanticScope> scopes;
        private final List<float[]> vectors;
        private final ClusteredVectors generator;
        private final String keyPrefix;

        private Workload(List<SemanticScope> scopes, List<float[]> vectors, ClusteredVectors generator, long seed) {
            this.keyPrefix = "key-" + seed + "-";
            this.scopes = scopes;
            this.vectors = vectors;
            this.generator = generator;
        }

        /** One scope; 1,000 topic clusters per 100,000 entries, members about 0.5 cosine apart. */
        static Workload singleScope(int size, long seed) {
            ClusteredVectors generator = new ClusteredVectors(seed, DIMENSIONS, Math.max(10, size / 100), 1.0);
            List<SemanticScope> scopes = new ArrayList<>(size);
            List<float[]> vectors = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                scopes.add(SCOPE);
                vectors.add(generator.next());
            }
            return new Workload(scopes, vectors, generator, seed);
        }

        /** Scope i gets weight 1/(i+1): a few model groups and system prompts take most of the traffic. */
        static Workload skewedScopes(int size, int scopeCount, long seed) {
            ClusteredVectors generator = new ClusteredVectors(seed, DIMENSIONS, size / 100, 1.0);
            double[] cumulative = new double[scopeCount];
            double total = 0;
            for (int i = 0; i < scopeCount; i++) {
                total += 1.0 / (i + 1);
                cumulative[i] = total;
            }
            Random random = new Random(seed);
            List<SemanticScope> scopes = new ArrayList<>(size);
            List<float[]> vectors = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                double pick = random.nextDouble() * total;
                int scope = Math.abs(Arrays.binarySearch(cumulative, pick) + 1);
                scopes.add(new SemanticScope("*", "group-" + scope % 7, "system-" + scope));
                vectors.add(generator.next());
            }
            return new Workload(scopes, vectors, generator, seed);
        }

        int size() {
            return vectors.size();
        }

        long largestScope() {
            return scopes.stream().collect(java.util.stream.Collectors.groupingBy(s -> s,
                    java.util.stream.Collectors.counting())).values().stream().mapToLong(Long::longValue).max()
                    .orElse(0);
        }

        void fill(SemanticCache cache) {
            for (int i = 0; i < vectors.size(); i++) {
                put(cache, i);
            }
        }

        void put(SemanticCache cache, int i) {
            cache.put(new SemanticEntry(keyPrefix + i, scopes.get(i), "prompt " + i, vectors.get(i), Long.MAX_VALUE));
        }

        Query query(Random random) {
            int i = random.nextInt(vectors.size());
            // The generator is not thread-safe; queries from several threads share it only through this lock.
            synchronized (generator) {
                float[] vector = random.nextBoolean() ? generator.nearDuplicate(vectors.get(i)) : generator.next();
                return new Query(scopes.get(i), vector);
            }
        }
    }
}
