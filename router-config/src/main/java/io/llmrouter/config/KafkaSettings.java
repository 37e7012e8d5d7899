package io.llmrouter.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the router talks to Kafka; client settings pass through by prefix.
 *
 * @param bootstrapServers where the brokers are
 * @param topics           partitions and replication of the topics the router creates
 * @param common           settings for every client
 * @param producer         settings for producers only, e.g. {@code linger.ms}
 * @param consumer         settings for consumers only
 * @param streams          settings for the Kafka Streams application
 * @param admin            settings for the admin client
 */
public record KafkaSettings(
        @JsonProperty("bootstrap-servers") String bootstrapServers,
        @JsonProperty("topics") TopicSettings topics,
        @JsonProperty("common") Map<String, String> common,
        @JsonProperty("producer") Map<String, String> producer,
        @JsonProperty("consumer") Map<String, String> consumer,
        @JsonProperty("streams") Map<String, String> streams,
        @JsonProperty("admin") Map<String, String> admin) {

    /** Settings whose values are credentials and are masked when printed. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|jaas\\.config|token|credentials).*");

    public KafkaSettings {
        topics = topics == null ? TopicSettings.DEFAULTS : topics;
        common = copy(common);
        producer = copy(producer);
        consumer = copy(consumer);
        streams = copy(streams);
        admin = copy(admin);
    }

    /** The same settings pointed at other brokers, e.g. an embedded one. */
    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, topics, common, producer, consumer, streams, admin);
    }

    /** Properties for a producer: bootstrap, common, then producer settings; later ones win. */
    public Map<String, Object> producerProperties() {
        return merge(producer);
    }

    /** Properties for a consumer. */
    public Map<String, Object> consumerProperties() {
        return merge(consumer);
    }

    /** Properties for the Streams application. */
    public Map<String, Object> streamsProperties() {
        return merge(streams);
    }

    /** Properties for an admin client. */
    public Map<String, Object> adminProperties() {
        return merge(admin);
    }

    private Map<String, Object> merge(Map<String, String> specific) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.putAll(common);
        props.putAll(specific);
        return props;
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    @Override
    public String toString() {
        return "KafkaSettings[bootstrap-servers=" + bootstrapServers + ", topics=" + topics
                + ", common=" + masked(common) + ", producer=" + masked(producer) + ", consumer=" + masked(consumer)
                + ", streams=" + masked(streams) + ", admin=" + masked(admin) + "]";
    }

    static Map<String, String> masked(Map<String, String> map) {
        Map<String, String> shown = new TreeMap<>();
        map.forEach((key, value) -> shown.put(key, SECRET_KEY.matcher(key).matches() ? "****" : value));
        return shown;
    }

    /**
     * Partitions and replication of the router's topics.
     *
     * @param requestPartitions  partitions of each priority request topic
     * @param workPartitions     partitions of each provider's work topic
     * @param replyPartitions    partitions of each reply topic
     * @param replicationFactor  replicas of every topic
     * @param replyTopics        extra reply topics to create for batch jobs, e.g. {@code llm.results}
     */
    public record TopicSettings(
            @JsonProperty("request-partitions") Integer requestPartitions,
            @JsonProperty("work-partitions") Integer workPartitions,
            @JsonProperty("reply-partitions") Integer replyPartitions,
            @JsonProperty("replication-factor") Short replicationFactor,
            @JsonProperty("reply-topics") List<String> replyTopics) {

        /** Small topics on a single broker. */
        public static final TopicSettings DEFAULTS = new TopicSettings(6, 6, 3, (short) 1, List.of("llm.results"));

        /** Settings left out take the defaults, so a file may give only what it changes. */
        public TopicSettings {
            requestPartitions = requestPartitions == null ? 6 : requestPartitions;
            workPartitions = workPartitions == null ? 6 : workPartitions;
            replyPartitions = replyPartitions == null ? 3 : replyPartitions;
            replicationFactor = replicationFactor == null ? 1 : replicationFactor;
            replyTopics = replyTopics == null ? List.of("llm.results") : List.copyOf(replyTopics);
        }
    }
}
