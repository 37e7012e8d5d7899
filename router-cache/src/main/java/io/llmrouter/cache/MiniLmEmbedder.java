package io.llmrouter.cache;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.translator.TextEmbeddingTranslator;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.llmrouter.cache.internal.MiniLmFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions, mean-pooled, unit length) run locally with ONNX Runtime
 * through DJL, from the model files on the classpath; never touches the network.
 */
public final class MiniLmEmbedder implements Embedder {

    /** Length of every MiniLM vector. */
    public static final int DIMENSIONS = 384;
    /** Tokens kept per text; the model was trained on at most 256 word pieces. */
    public static final int MAX_TOKENS = 256;
    /**
     * Texts sent to the model in one call. Larger inputs are sorted by length and cut into batches of this size:
     * every text in a batch is padded to the batch's longest, so mixing a long text with short ones wastes work.
     */
    public static final int MAX_BATCH = 16;

    private final ZooModel<String, float[]> model;
    private final HuggingFaceTokenizer tokenizer;
    private final BlockingQueue<Predictor<String, float[]>> predictors;
    private final List<Predictor<String, float[]>> allPredictors;

    private MiniLmEmbedder(ZooModel<String, float[]> model, HuggingFaceTokenizer tokenizer, int concurrency) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.predictors = new ArrayBlockingQueue<>(concurrency);
        this.allPredictors = new ArrayList<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            Predictor<String, float[]> predictor = model.newPredictor();
            allPredictors.add(predictor);
            predictors.add(predictor);
        }
    }

    /**
     * Loads the model into {@code workDirectory}: as many concurrent calls as cores, one thread each. On a machine
     * shared with a broker and stream threads, single-threaded calls hold up better than one call spread over
     * every core (see docs/benchmarks.md).
     */
    public static MiniLmEmbedder load(Path workDirectory) {
        return load(workDirectory, Runtime.getRuntime().availableProcessors(), 1);
    }

    /**
     * Loads the model, extracting its files into {@code workDirectory} if they are not there yet.
     *
     * @param concurrency    how many calls may run the model at the same time; more callers wait
     * @param threadsPerCall how many threads ONNX Runtime uses inside one call
     */
    public static MiniLmEmbedder load(Path workDirectory, int concurrency, int threadsPerCall) {
        if (concurrency < 1 || threadsPerCall < 1) {
            throw new IllegalArgumentException("concurrency and threadsPerCall must be at least 1");
        }
        // DJL reads these on every lookup: never download a model or native library, never report usage.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // The tokenizer's native library is unpacked into DJL's cache; keep it beside the model unless set.
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", workDirectory.resolve("djl").toAbsolutePath().toString());
        }
        MiniLmFiles files = MiniLmFiles.extractTo(workDirectory);
        HuggingFaceTokenizer tokenizer = null;
        try {
            // The shipped tokenizer.json pads every text to 128 tokens; pad to the batch's longest instead.
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizer())
                    .optPadding(true)
                    .optTruncation(true)
                    .optMaxLength(MAX_TOKENS)
                    .build();
            TextEmbeddingTranslator translator = TextEmbeddingTranslator.builder(tokenizer)
                    .optPoolingMode("mean")
                    .optNormalize(true)
                    .optIncludeTokenTypes(true)
                    .build();
            Criteria<String, float[]> criteria = Criteria.builder()
                    .setTypes(String.class, float[].class)
                    .optEngine("OnnxRuntime")
                    .optModelPath(files.directory())
                    .optModelName(MiniLmFiles.MODEL_NAME)
                    .optTranslator(translator)
                    .optOption("intraOpNumThreads", Integer.toString(threadsPerCall))
                    .optOption("interOpNumThreads", "1")
                    .build();
            return new MiniLmEmbedder(criteria.loadModel(), tokenizer, concurrency);
        } catch (IOException e) {
            closeQuietly(tokenizer);
            throw new UncheckedIOException("cannot load the MiniLM model from " + files.directory(), e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            closeQuietly(tokenizer);
            throw new IllegalStateException("cannot load the MiniLM model from " + files.directory(), e);
        }
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    /** Word pieces the model reads of {@code text}: its tokens, with the start and end markers, cut at {@link #MAX_TOKENS}. */
    public int tokenCount(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Integer[] byLength = new Integer[texts.size()];
        for (int i = 0; i < byLength.length; i++) {
            byLength[i] = i;
        }
        Arrays.sort(byLength, Comparator.comparingInt(i -> texts.get(i).length()));
        Predictor<String, float[]> predictor = borrow();
        try {
            float[][] vectors = new float[texts.size()][];
            for (int from = 0; from < byLength.length; from += MAX_BATCH) {
                int to = Math.min(byLength.length, from + MAX_BATCH);
                List<String> batch = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    batch.add(texts.get(byLength[k]));
                }
                List<float[]> embedded = predictor.batchPredict(batch);
                for (int k = from; k < to; k++) {
                    vectors[byLength[k]] = embedded.get(k - from);
                }
            }
            return Arrays.asList(vectors);
        } catch (TranslateException e) {
            throw new IllegalStateException("embedding failed", e);
        } finally {
            predictors.add(predictor);
        }
    }

    private Predictor<String, float[]> borrow() {
        try {
            return predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free predictor", e);
        }
    }

    @Override
    public void close() {
        allPredictors.forEach(Predictor::close);
        model.close();
        tokenizer.close();
    }

    private static void closeQuietly(HuggingFaceTokenizer tokenizer) {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

}
