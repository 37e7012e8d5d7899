package io.llmrouter.streams.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

/**
 * Knows which topics exist, so a reply is never sent to a topic that does not.
 *
 * <p>A producer send to a missing topic blocks for {@code max.block.ms} and then fails the stream
 * task; checking first turns a caller's typo into a dead letter instead. Existing topics are
 * remembered for good, missing ones for a few seconds so a new topic is found soon after it is made.
 */
public final class ReplyTopicDirectory implements AutoCloseable {

    private static final long MISSING_TTL_MS = 5_000;

    private final Admin admin;
    private final Clock clock;
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> missingSince = new ConcurrentHashMap<>();

    public ReplyTopicDirectory(Map<String, Object> adminProperties, Clock clock) {
        this.admin = Admin.create(adminProperties);
        this.clock = clock;
    }

    /** True when the topic exists on the cluster. */
    public boolean exists(String topic) {
        if (existing.contains(topic)) {
            return true;
        }
        Long since = missingSince.get(topic);
        long now = clock.millis();
        if (since != null && now - since < MISSING_TTL_MS) {
            return false;
        }
        try {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            existing.addAll(names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
        if (existing.contains(topic)) {
            missingSince.remove(topic);
            return true;
        }
        missingSince.put(topic, now);
        return false;
    }

    @Override
    public void close() {
        admin.close();
    }
}
