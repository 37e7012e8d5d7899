package io.llmrouter.schemas;

/** The kinds of record carried on the router's topics, each described by one JSON Schema on the class path. */
public enum RecordType {

    /** {@link LlmRequest} on the request and work topics. */
    REQUEST("llm-request", LlmRequest.class),
    /** {@link LlmReply} on reply topics. */
    REPLY("llm-reply", LlmReply.class),
    /** {@link StreamChunk} on reply topics, ahead of the terminal reply. */
    STREAM_CHUNK("stream-chunk", StreamChunk.class),
    /** {@link UsageEvent} on {@link Topics#USAGE}. */
    USAGE_EVENT("usage-event", UsageEvent.class),
    /** {@link HealthEvent} on {@link Topics#HEALTH}. */
    HEALTH_EVENT("health-event", HealthEvent.class),
    /** {@link DeadLetter} on {@link Topics#DEAD_LETTER}. */
    DEAD_LETTER("dead-letter", DeadLetter.class),
    /** {@link CacheEntry} on {@link Topics#CACHE}. */
    CACHE_ENTRY("cache-entry", CacheEntry.class),
    /** {@link CacheEvent} on {@link Topics#CACHE_EVENTS}. */
    CACHE_EVENT("cache-event", CacheEvent.class);

    private final String schemaName;
    private final Class<? extends Record> recordClass;

    RecordType(String schemaName, Class<? extends Record> recordClass) {
        this.schemaName = schemaName;
        this.recordClass = recordClass;
    }

    /** Class-path location of the schema, e.g. {@code schemas/llm-request.schema.json}. */
    public String schemaResource() {
        return "schemas/" + schemaName + ".schema.json";
    }

    /** The Java record that mirrors the schema. */
    public Class<? extends Record> recordClass() {
        return recordClass;
    }

    /** The type whose record class is the given one; throws {@link IllegalArgumentException} for any other class. */
    public static RecordType of(Class<?> recordClass) {
        for (RecordType type : values()) {
            if (type.recordClass.equals(recordClass)) {
                return type;
            }
        }
        throw new IllegalArgumentException(recordClass.getName() + " is not a record carried on a topic");
    }
}
