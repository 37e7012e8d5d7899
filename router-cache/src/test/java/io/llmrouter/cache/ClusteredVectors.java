package io.llmrouter.cache;

import java.util.Random;

/**
 * Unit vectors shaped like sentence embeddings: grouped around random topic centres rather than spread evenly.
 * Each vector is a centre plus Gaussian noise, normalised; {@link #nearDuplicate} perturbs a given vector a
 * little, like a rephrasing of the same question.
 */
final class ClusteredVectors {

    private final Random random;
    private final int dimensions;
    private final float[][] centres;
    private final double spread;

    /**
     * @param spread noise per dimension relative to a unit centre spread over all dimensions; around 1 makes
     *               members of one cluster about 0.5 cosine apart, like loosely related questions
     */
    ClusteredVectors(long seed, int dimensions, int clusters, double spread) {
        this.random = new Random(seed);
        this.dimensions = dimensions;
        this.spread = spread;
        this.centres = new float[clusters][];
        for (int i = 0; i < clusters; i++) {
            centres[i] = gaussianUnit();
        }
    }

    /** A fresh vector near a random centre. */
    float[] next() {
        float[] centre = centres[random.nextInt(centres.length)];
        return noisy(centre, spread);
    }

    /** A vector very close to the given one (cosine about 0.95 to 0.99). */
    float[] nearDuplicate(float[] vector) {
        return noisy(vector, 0.2);
    }

    private float[] noisy(float[] base, double relativeNoise) {
        double sigma = relativeNoise / Math.sqrt(dimensions);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (base[i] + random.nextGaussian() * sigma);
        }
        return normalised(vector);
    }

    private float[] gaussianUnit() {
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return normalised(vector);
    }

    static float[] normalised(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float scale = (float) (1.0 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
