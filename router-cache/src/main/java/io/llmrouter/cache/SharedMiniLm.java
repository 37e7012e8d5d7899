package io.llmrouter.cache;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One MiniLM per process and model directory, however many parts embed: in standalone mode the semantic cache
 * and the embeddings endpoint share one JVM, and loading the model twice would cost its memory (about 100 MB)
 * and load time twice. Each user holds a {@link Lease}; the model closes when the last lease does.
 */
public final class SharedMiniLm {

    private static final Map<Path, Holder> LOADED = new HashMap<>();

    private SharedMiniLm() {
    }

    /** A lease on the model unpacked into {@code workDirectory}, loading it if no one holds it yet. */
    public static Lease acquire(Path workDirectory) {
        Path key = workDirectory.toAbsolutePath().normalize();
        synchronized (LOADED) {
            Holder holder = LOADED.get(key);
            if (holder == null) {
                holder = new Holder(MiniLmEmbedder.load(workDirectory));
                LOADED.put(key, holder);
            }
            holder.leases++;
            return new Lease(key, holder.model);
        }
    }

    /** How many parts hold the model of {@code workDirectory} now. */
    static int leases(Path workDirectory) {
        synchronized (LOADED) {
            Holder holder = LOADED.get(workDirectory.toAbsolutePath().normalize());
            return holder == null ? 0 : holder.leases;
        }
    }

    private static void release(Path key) {
        synchronized (LOADED) {
            Holder holder = LOADED.get(key);
            if (holder != null && --holder.leases == 0) {
                LOADED.remove(key);
                holder.model.close();
            }
        }
    }

    /** One part's hold on the shared model; closing it twice releases it once. */
    public static final class Lease implements Embedder {

        private final Path key;
        private final MiniLmEmbedder model;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Path key, MiniLmEmbedder model) {
            this.key = key;
            this.model = model;
        }

        @Override
        public int dimensions() {
            return model.dimensions();
        }

        @Override
        public float[] embed(String text) {
            return model.embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return model.embedAll(texts);
        }

        /** Tokens the model sees in {@code text}, truncation aside. */
        public int tokenCount(String text) {
            return model.tokenCount(text);
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(key);
            }
        }
    }

    private static final class Holder {
        private final MiniLmEmbedder model;
        private int leases;

        private Holder(MiniLmEmbedder model) {
            this.model = model;
        }
    }
}
