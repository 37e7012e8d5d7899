package io.llmrouter.cache.accuracy;

import io.llmrouter.cache.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/** Embeds the texts of many pairs at once and scores each pair by cosine. */
public final class PairEmbeddings {

    private static final int BATCH = 64;

    private PairEmbeddings() {
    }

    /** Each pair with the cosine of its two texts' embeddings, in the order given. */
    public static List<ScoredPair> score(List<LabelledPair> pairs, Embedder embedder, Optional<Path> cacheFile) {
        Map<String, float[]> vectors = cacheFile.filter(Files::isRegularFile).map(PairEmbeddings::read)
                .orElseGet(HashMap::new);
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (LabelledPair pair : pairs) {
            if (!vectors.containsKey(pair.first())) {
                missing.add(pair.first());
            }
            if (!vectors.containsKey(pair.second())) {
                missing.add(pair.second());
            }
        }
        if (!missing.isEmpty()) {
            vectors.putAll(embed(new ArrayList<>(missing), embedder));
            cacheFile.ifPresent(file -> write(file, vectors));
        }
        List<ScoredPair> scored = new ArrayList<>(pairs.size());
        for (LabelledPair pair : pairs) {
            scored.add(new ScoredPair(pair, dot(vectors.get(pair.first()), vectors.get(pair.second()))));
        }
        return scored;
    }

    /** Texts of similar length share a batch, so little of each batch is padding; batches run on every core. */
    private static Map<String, float[]> embed(List<String> texts, Embedder embedder) {
        texts.sort(Comparator.comparingInt(String::length));
        Map<String, float[]> vectors = new ConcurrentHashMap<>();
        IntStream.range(0, (texts.size() + BATCH - 1) / BATCH).parallel().forEach(b -> {
            List<String> batch = texts.subList(b * BATCH, Math.min(texts.size(), (b + 1) * BATCH));
            List<float[]> embedded = embedder.embedAll(batch);
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i), embedded.get(i));
            }
        });
        return new HashMap<>(vectors);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static Map<String, float[]> read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            Map<String, float[]> vectors = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String text = in.readUTF();
                float[] vector = new float[in.readInt()];
                for (int j = 0; j < vector.length; j++) {
                    vector[j] = in.readFloat();
                }
                vectors.put(text, vector);
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached embeddings " + file, e);
        }
    }

    private static void write(Path file, Map<String, float[]> vectors) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeInt(vectors.size());
                for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeInt(entry.getValue().length);
                    for (float value : entry.getValue()) {
                        out.writeFloat(value);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache embeddings in " + file, e);
        }
    }
}
