package io.llmrouter.cache.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The fitted setting of the hit decision, kept in {@code paraphrase-verifier.properties} beside the verifier.
 *
 * @param weights        the logistic model's weights, one per feature in {@link PairFeatures#NAMES} order
 * @param bias           the model's intercept
 * @param minProbability the probability of same meaning from which a hit is served
 * @param threshold      the cosine similarity from which a candidate is considered at all
 */
public record VerifierWeights(double[] weights, double bias, double minProbability, double threshold) {

    /** Classpath location of the fitted setting, relative to the {@code io.llmrouter.cache} package. */
    public static final String RESOURCE = "paraphrase-verifier.properties";

    public VerifierWeights {
        if (weights.length != PairFeatures.NAMES.size()) {
            throw new IllegalArgumentException("expected " + PairFeatures.NAMES.size() + " weights, got " + weights.length);
        }
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** Reads the fitted setting from the classpath, next to {@code anchor}. */
    public static VerifierWeights load(Class<?> anchor) {
        Properties properties = new Properties();
        try (InputStream in = anchor.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        double[] weights = PairFeatures.NAMES.stream()
                .mapToDouble(name -> number(properties, "weight." + name))
                .toArray();
        return new VerifierWeights(weights, number(properties, "bias"), number(properties, "minProbability"),
                number(properties, "threshold"));
    }

    /** Writes this setting in the resource's format, with {@code header} as a comment on top. */
    public void write(Path file, String header) {
        StringBuilder text = new StringBuilder();
        header.lines().forEach(line -> text.append("# ").append(line).append('\n'));
        text.append(String.format(Locale.ROOT, "threshold=%.2f%n", threshold));
        text.append(String.format(Locale.ROOT, "minProbability=%.2f%n", minProbability));
        text.append(String.format(Locale.ROOT, "bias=%.6f%n", bias));
        for (int i = 0; i < weights.length; i++) {
            text.append(String.format(Locale.ROOT, "weight.%s=%.6f%n", PairFeatures.NAMES.get(i), weights[i]));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
                out.write(text.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double number(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return Double.parseDouble(value.trim());
    }
}
