package io.llmrouter.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Embeddings on the wire: base64 of little-endian float32 values, a quarter the size of JSON numbers. */
public final class VectorCodec {

    private VectorCodec() {
    }

    /** The wire form of a vector. */
    public static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** The vector of a wire form; throws {@link IllegalArgumentException} when it is not one. */
    public static float[] decode(String encoded) {
        byte[] raw = Base64.getDecoder().decode(encoded);
        if (raw.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("not a float32 vector: " + raw.length + " bytes");
        }
        float[] vector = new float[raw.length / Float.BYTES];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
