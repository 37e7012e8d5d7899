package io.llmrouter.cache.internal;

import com.github.jelmerk.hnswlib.core.DistanceFunction;

/** 1 - dot product, hnswlib-core's inner-product distance, computed with the faster {@link VectorIndex#dot}. */
final class InnerProductDistance implements DistanceFunction<float[], Float> {

    private static final long serialVersionUID = 1L;

    @Override
    public Float distance(float[] u, float[] v) {
        return 1f - VectorIndex.dot(u, v);
    }
}
