package io.llmrouter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void keepsTopicsAndRecordsAcrossARestart() throws Exception {
        EmbeddedKafkaBroker.BrokerSettings settings = EmbeddedKafkaBroker.BrokerSettings.ephemeral(dataDir);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "v")).get();
            }
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     "bootstrap.servers", broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            assertThat(admin.listTopics().names().get()).contains("kept");
            TopicPartition partition = new TopicPartition("kept", 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(10));
            assertThat(records.records(partition)).extracting(r -> r.value()).containsExactly("v");
        }
    }
}
