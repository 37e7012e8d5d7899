package io.llmrouter.schemas;

import java.util.Arrays;
import java.util.List;

/** Names of the topics that make up the router's wire contract. */
public final class Topics {

    /** Prefix of the four priority request topics. */
    public static final String REQUEST_TOPIC_PREFIX = "llm.requests.";
    /** Prefix of the per-provider work topics. */
    public static final String WORK_TOPIC_PREFIX = "llm.work.";
    /** Prefix of the per-instance reply topics of HTTP bridges. */
    public static final String BRIDGE_REPLY_TOPIC_PREFIX = "llm.replies.";
    /** Records that could not be processed, with the reason. */
    public static final String DEAD_LETTER = "llm.dlq";
    /** Token and cost figures of every served request. */
    public static final String USAGE = "llm.usage";
    /** Routed requests on their way through the quota ledger, keyed by provider like {@link #USAGE}. */
    public static final String QUOTA_REQUESTS = "llm.quota.requests";
    /** Virtual API keys created through the admin endpoint, compacted, keyed by key id; tombstones revoke. */
    public static final String KEYS = "llm.keys";
    /** Routed requests that carry a virtual key, on their way through the key ledger, keyed by ledger scope. */
    public static final String KEY_REQUESTS = "llm.keys.requests";
    /** Usage of requests that carried a virtual key, re-keyed by ledger scope like {@link #KEY_REQUESTS}. */
    public static final String KEY_USAGE = "llm.keys.usage";
    /** Provider health as observed by the workers. */
    public static final String HEALTH = "llm.health";
    /** Requests handed back by workers after a failed call, to be routed to the next candidate. */
    public static final String FAILOVER = "llm.failover";
    /** Each provider's model list, compacted, keyed by provider. */
    public static final String MODELS = "llm.models";
    /** Cached answers, compacted, keyed by exact-cache key; every streams instance holds all of them. */
    public static final String CACHE = "llm.cache";
    /** Cache fills from workers and uses from the topology, keyed by exact-cache key; input of the cache keeper. */
    public static final String CACHE_EVENTS = "llm.cache.events";
    /** The default reply topic for batch jobs. */
    public static final String BATCH_RESULTS = "llm.results";

    private Topics() {
    }

    /** All four request topics, highest priority first. */
    public static List<String> requestTopics() {
        return Arrays.stream(Priority.values()).map(Priority::requestTopic).toList();
    }

    /** The work topic of one provider for one priority, e.g. {@code llm.work.openai.high}. */
    public static String workTopic(String provider, Priority priority) {
        return WORK_TOPIC_PREFIX + provider + "." + priority.wireName();
    }

    /** The four work topics of one provider, highest priority first. */
    public static List<String> workTopics(String provider) {
        return Arrays.stream(Priority.values()).map(p -> workTopic(provider, p)).toList();
    }

    /** The reply topic of one bridge instance, e.g. {@code llm.replies.bridge-1}. */
    public static String bridgeReplyTopic(String instanceId) {
        return BRIDGE_REPLY_TOPIC_PREFIX + instanceId;
    }
}
