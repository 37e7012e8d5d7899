package io.llmrouter.schemas;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.llmrouter.schemas.internal.CompiledSchema;

/** Checks JSON against the wire schemas of the router's topics; thread-safe, each schema compiled once. */
public final class RecordSchemas {

    // Compiled when the class is first used, so the hot path (e.g. Kafka Streams tasks) only ever validates.
    private static final Map<RecordType, CompiledSchema> SCHEMAS = compileAll();
    private static final String EMPTY_RECORD = "$: empty record, a JSON object was expected";
    // Trailing bytes after the JSON value mean the record was cut or concatenated; not a valid record either.
    private static final ObjectReader STRICT_READER = WireFormat.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RecordSchemas() {
    }

    private static Map<RecordType, CompiledSchema> compileAll() {
        Map<RecordType, CompiledSchema> schemas = new EnumMap<>(RecordType.class);
        for (RecordType type : RecordType.values()) {
            schemas.put(type, CompiledSchema.load(type.schemaResource()));
        }
        return schemas;
    }

    /**
     * What is wrong with a JSON value as a record of the given type, one human-readable message per problem,
     * each starting with the JSON path it concerns, e.g. {@code $.body.messages: must have at least 1 items}.
     * An empty list means the value is valid; a Java {@code null} is treated as JSON {@code null}.
     */
    public static List<String> problems(RecordType type, JsonNode value) {
        return SCHEMAS.get(type).problems(value);
    }

    /**
     * What is wrong with an encoded record of the given type; bytes that are not one JSON value are a single
     * problem at {@code $}. Meant for raw topic values, before they are decoded with {@link WireFormat}.
     */
    public static List<String> problems(RecordType type, byte[] json) {
        if (json == null) {
            return List.of(EMPTY_RECORD);
        }
        JsonNode value;
        try {
            value = STRICT_READER.readTree(json);
        } catch (IOException e) {
            return List.of("$: not valid JSON: " + firstLine(e.getMessage()));
        }
        if (value == null || value.isMissingNode()) {
            return List.of(EMPTY_RECORD);
        }
        return problems(type, value);
    }

    /** True when the JSON value is a valid record of the given type; cheaper than {@link #problems}, it stops early. */
    public static boolean isValid(RecordType type, JsonNode value) {
        return SCHEMAS.get(type).accepts(value);
    }

    /** The JSON Schema of a record type, as a copy the caller is free to change, e.g. to publish it. */
    public static JsonNode schema(RecordType type) {
        return SCHEMAS.get(type).document();
    }

    // Jackson appends the source excerpt and location on further lines; the first line says what went wrong.
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
