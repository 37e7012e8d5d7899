package io.llmrouter.schemas.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** One draft 2020-12 JSON Schema read from the class path and compiled once; immutable, so shared by all threads. */
public final class CompiledSchema {

    private static final ObjectMapper READER = JsonMapper.builder().build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            // Problems end up in logs and dead letters, so their wording must not depend on the host's locale.
            .locale(Locale.ENGLISH)
            // Quotes odd property names, e.g. $['weird key'], so a path always points at one field.
            .pathType(PathType.JSON_PATH)
            .build();

    private final JsonNode document;
    private final JsonSchema schema;

    private CompiledSchema(JsonNode document, JsonSchema schema) {
        this.document = document;
        this.schema = schema;
    }

    /** Reads and compiles the schema at a class-path location; fails fast when it is missing or not JSON. */
    public static CompiledSchema load(String resource) {
        JsonNode document = read(resource);
        JsonSchema schema = FACTORY.getSchema(document, CONFIG);
        // Resolves every $ref now: lazy resolution would otherwise happen on the first validations, concurrently.
        schema.initializeValidators();
        return new CompiledSchema(document, schema);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = CompiledSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("JSON Schema " + resource + " is not on the class path");
            }
            return READER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON Schema " + resource, e);
        }
    }

    /** A copy of the schema document, so callers cannot change the compiled one's source. */
    public JsonNode document() {
        return document.deepCopy();
    }

    /** True when the value is valid; stops at the first problem. */
    public boolean accepts(JsonNode value) {
        return schema.validate(orNull(value), OutputFormat.BOOLEAN);
    }

    /** Every problem of the value, each starting with the JSON path it concerns; empty when valid. */
    public List<String> problems(JsonNode value) {
        Set<ValidationMessage> messages = schema.validate(orNull(value));
        List<String> problems = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            problems.add(describe(message));
        }
        return List.copyOf(problems);
    }

    private static JsonNode orNull(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }

    /**
     * The library reports a missing or unknown property at its parent object ({@code $: required property 'x'
     * not found}); naming the property's own path instead lets a reader, or a test, find the field at a glance.
     */
    static String describe(ValidationMessage message) {
        JsonNodePath location = message.getInstanceLocation();
        String property = message.getProperty();
        return switch (property == null ? "" : message.getType()) {
            case "required" -> location.append(property) + ": is required but missing";
            case "additionalProperties", "unevaluatedProperties" ->
                    location.append(property) + ": is not a known field and is not allowed here";
            default -> location + ": " + message.getError();
        };
    }
}
