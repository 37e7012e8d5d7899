package io.llmrouter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.llmrouter.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the router's topics if they do not exist yet; safe to run at every start of every part. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private final KafkaSettings kafka;

    public TopicProvisioner(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    /** The topics every deployment shares: requests, work per provider, replies, dead letters, usage, health. */
    public static List<NewTopic> sharedTopics(RouterConfig config) {
        KafkaSettings.TopicSettings settings = config.kafka().topics();
        short replicas = settings.replicationFactor();
        List<NewTopic> topics = new ArrayList<>();
        Topics.requestTopics().forEach(name -> topics.add(new NewTopic(name, settings.requestPartitions(), replicas)));
        config.providers().keySet().forEach(provider -> Topics.workTopics(provider).forEach(name ->
                topics.add(new NewTopic(name, settings.workPartitions(), replicas))));
        topics.add(new NewTopic(Topics.FAILOVER, settings.requestPartitions(), replicas));
        topics.add(compacted(new NewTopic(Topics.MODELS, 1, replicas)));
        settings.replyTopics().forEach(name -> topics.add(new NewTopic(name, settings.replyPartitions(), replicas)));
        topics.add(new NewTopic(Topics.DEAD_LETTER, 1, replicas));
        topics.add(new NewTopic(Topics.USAGE, settings.requestPartitions(), replicas));
        // Keyed by provider like llm.usage and with as many partitions, so one task owns a provider's quota.
        topics.add(new NewTopic(Topics.QUOTA_REQUESTS, settings.requestPartitions(), replicas));
        topics.add(new NewTopic(Topics.HEALTH, 1, replicas));
        topics.addAll(keyTopics(settings.requestPartitions(), replicas));
        topics.add(compacted(new NewTopic(Topics.CACHE, settings.requestPartitions(), replicas)));
        // The keeper's own store is the record of each key; its events need not outlive a day.
        topics.add(new NewTopic(Topics.CACHE_EVENTS, settings.requestPartitions(), replicas)
                .configs(Map.of("retention.ms", String.valueOf(24 * 3_600_000L))));
        return topics;
    }

    // Key requests and key usage share a partition count, so one ledger task owns each key (or the global budget).
    private static List<NewTopic> keyTopics(int partitions, short replicas) {
        return List.of(compacted(new NewTopic(Topics.KEYS, 1, replicas)),
                new NewTopic(Topics.KEY_REQUESTS, partitions, replicas),
                new NewTopic(Topics.KEY_USAGE, partitions, replicas));
    }

    private static NewTopic compacted(NewTopic topic) {
        return topic.configs(Map.of("cleanup.policy", "compact"));
    }

    /** Creates every topic in the list that does not exist; existing ones are left as they are. */
    public void ensure(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> created
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + created.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list topics at " + kafka.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
