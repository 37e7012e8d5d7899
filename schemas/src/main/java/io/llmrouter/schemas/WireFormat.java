package io.llmrouter.schemas;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The JSON encoding of every record on the router's topics, and Kafka serdes for them. */
public final class WireFormat {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private WireFormat() {
    }

    /** The shared, thread-safe mapper configured for the wire format. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Encodes a record as UTF-8 JSON. */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new WireFormatException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes UTF-8 JSON into a record; a clear {@link WireFormatException} when it does not fit. */
    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new WireFormatException("empty record: a " + type.getSimpleName() + " was expected", null);
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new WireFormatException("not a valid " + type.getSimpleName() + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (!(e instanceof JsonProcessingException processing)) {
            return e.getMessage();
        }
        String message = processing.getOriginalMessage();
        Throwable cause = processing.getCause();
        if (cause != null && cause.getMessage() != null && !(cause instanceof IOException)) {
            message = cause.getMessage();
        }
        if (processing instanceof JsonMappingException mapping) {
            return message + " (at " + jsonPath(mapping.getPath()) + ")";
        }
        JsonLocation location = processing.getLocation();
        return location == null ? message
                : message + " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    // The same notation as RecordSchemas' problems, e.g. $.route.skipped[0], so both kinds of report read alike.
    private static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A Kafka serde for one record type. */
    public static <T> Serde<T> serde(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : toBytes(value),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes, type));
    }

    /** A record that does not fit the wire format; the message says why. */
    public static final class WireFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WireFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
