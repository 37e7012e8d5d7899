package io.llmrouter.standalone.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.ProviderConfig;
import io.llmrouter.config.ProviderConfig.SimulationConfig;
import io.llmrouter.standalone.compose.ComposeFile.JavaService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/** Checks docker-compose.yml against the modules, main classes and configuration it runs, as no Docker is here to run it. */
class ComposeFileTest {

    /** A host without keys or settings: the stack must still start. */
    private static final Map<String, String> BARE_HOST = Map.of();
    /** A host with keys and simulator faults set, to see that they reach the containers. */
    private static final Map<String, String> SET_HOST = Map.of("OPENAI_API_KEY", "sk-compose-test",
            "GROQ_API_KEY", "gsk-compose-test", "ANTHROPIC_API_KEY", "ak-compose-test", "GEMINI_API_KEY", "gk-compose-test",
            "OLLAMA_BASE_URL", "http://ollama:11434",
            "SIMULATOR_LATENCY_MS", "250", "SIMULATOR_FAILURE_RATE", "0.1", "SIMULATOR_RATE_LIMIT_RATE", "0.05");

    private static ComposeFile compose;

    @BeforeAll
    static void readComposeFile() throws Exception {
        compose = ComposeFile.atRepositoryRoot();
    }

    @Test
    void javaServicesRunTheJarOfAModuleWithAMainClass() throws Exception {
        for (JavaService service : compose.javaServices(BARE_HOST)) {
            assertThat(service.module()).as("%s runs %s, which should be M/target/M.jar for a module M of the root pom",
                    service.name(), service.jar()).isNotNull();
            assertThat(service.mainClass()).as("%s/pom.xml configures maven-jar-plugin with a mainClass", service.module())
                    .isNotNull();
            assertThatCode(() -> Class.forName(service.mainClass())).as("main class of %s", service.name())
                    .doesNotThrowAnyException();
        }
        assertThat(compose.javaServices(BARE_HOST)).extracting(JavaService::module)
                .contains("router-simulator", "router-streams", "router-workers", "router-http-bridge");
    }

    @Test
    void commandOptionsAreAcceptedByTheMainClass() throws Exception {
        for (Map<String, String> host : List.of(BARE_HOST, SET_HOST)) {
            for (JavaService service : compose.javaServices(host)) {
                assertThatCode(service::parse).as("options of %s: %s", service.name(), service.args())
                        .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void configFilesExistAndLoadWithTheServiceEnvironment() throws Exception {
        for (Map<String, String> host : List.of(BARE_HOST, SET_HOST)) {
            for (JavaService service : compose.javaServices(host)) {
                Path config = service.configArg();
                if (config != null) {
                    Path file = compose.hostPath(service, config.toString());
                    assertThat(file).as("--config of %s", service.name()).isRegularFile();
                    assertThatCode(() -> ConfigLoader.load(file, ComposeFile.environment(service.node(), host)))
                            .as("%s with the environment of %s", config, service.name()).doesNotThrowAnyException();
                }
            }
        }
    }

    @Test
    void kafkaClientsBootstrapFromTheBrokersAdvertisedListener() throws Exception {
        String advertised = compose.advertisedListener();
        assertThat(advertised).as("advertised listener").startsWith(compose.kafkaServiceName() + ":");
        for (JavaService client : compose.configReaders(BARE_HOST)) {
            assertThat(ComposeFile.environment(client.node(), BARE_HOST)).as("environment of %s", client.name())
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", advertised);
            assertThat(compose.loadConfig(client, BARE_HOST).kafka().bootstrapServers())
                    .as("bootstrap servers %s loads", client.name()).isEqualTo(advertised);
        }
    }

    @Test
    void kafkaClientsWaitForAHealthyBroker() throws Exception {
        String kafka = compose.kafkaServiceName();
        assertThat(compose.service(kafka).path("healthcheck").path("test").isMissingNode()).as("kafka healthcheck").isFalse();
        for (JavaService client : compose.configReaders(BARE_HOST)) {
            // Without the health condition a part starts while the broker still refuses connections.
            assertThat(client.node().path("depends_on").path(kafka).path("condition").asText())
                    .as("%s depends on %s", client.name(), kafka).isEqualTo("service_healthy");
        }
    }

    @Test
    void repositoryIsMountedReadOnlyAtTheWorkingDirectory() throws Exception {
        for (JavaService service : compose.javaServices(BARE_HOST)) {
            String workingDir = service.node().path("working_dir").asText(null);
            assertThat(workingDir).as("working_dir of %s", service.name()).isNotNull();
            assertThat(ComposeFile.mounts(service.node())).as("volumes of %s", service.name())
                    .anySatisfy(mount -> assertThat(mount).containsExactly(".", workingDir, "ro"));
        }
    }

    @Test
    void workersCanBeScaled() throws Exception {
        JavaService workers = compose.serviceRunning("router-workers", BARE_HOST);
        // A fixed container name or host port would make every copy after the first fail to start.
        assertThat(workers.node().has("container_name")).as("container_name of %s", workers.name()).isFalse();
        assertThat(workers.node().path("ports").size()).as("published ports of %s", workers.name()).isZero();
    }

    @Test
    void bridgePublishesThePortItListensOn() throws Exception {
        JavaService bridge = compose.serviceRunning("router-http-bridge", BARE_HOST);
        int port = compose.loadConfig(bridge, BARE_HOST).bridge().port();
        List<String> containerPorts = new ArrayList<>();
        bridge.node().path("ports").forEach(p -> containerPorts.add(p.asText().replaceAll("^.*:", "")));
        assertThat(containerPorts).as("container ports %s publishes", bridge.name()).contains(String.valueOf(port));
    }

    @Test
    void simulatorServesWhatTheConfigExpectsWhereTheConfigExpectsIt() throws Exception {
        JavaService simulator = compose.serviceRunning("router-simulator", SET_HOST);
        CommandSpec options = simulator.parse().getCommandSpec();
        // Its default bind address is loopback, which other containers cannot reach.
        assertThat(options.findOption("--host").<String>getValue()).as("simulator --host").isEqualTo("0.0.0.0");
        for (JavaService client : compose.configReaders(SET_HOST)) {
            for (ProviderConfig provider : simulated(compose.loadConfig(client, SET_HOST).providers())) {
                URI url = URI.create(provider.baseUrl());
                assertThat(url.getHost()).as("simulator host for %s", client.name()).isEqualTo(simulator.name());
                assertThat(url.getPort()).as("simulator port for %s", client.name())
                        .isEqualTo(options.findOption("--port").<Integer>getValue());
            }
            // Standalone runs the simulator from the config read with the host environment; the service must match it.
            Path file = compose.hostPath(client, client.configArg().toString());
            for (ProviderConfig provider : simulated(ConfigLoader.load(file, SET_HOST).providers())) {
                SimulationConfig sim = provider.simulation() == null ? SimulationConfig.IDEAL : provider.simulation();
                assertThat(options.findOption("--models").<List<String>>getValue()).as("simulator --models")
                        .containsExactlyInAnyOrderElementsOf(provider.models().keySet());
                assertThat(options.findOption("--latency-ms").<Long>getValue()).as("--latency-ms").isEqualTo(sim.latencyMs());
                assertThat(options.findOption("--jitter-ms").<Long>getValue()).as("--jitter-ms").isEqualTo(sim.jitterMs());
                assertThat(options.findOption("--failure-rate").<Double>getValue()).as("--failure-rate")
                        .isEqualTo(sim.failureRate());
                assertThat(options.findOption("--rate-limit-rate").<Double>getValue()).as("--rate-limit-rate")
                        .isEqualTo(sim.rateLimitRate());
                assertThat(options.findOption("--seed").<Long>getValue()).as("--seed").isEqualTo(sim.seed());
            }
        }
    }

    @Test
    void everyRouterPartSeesTheSameProvidersAndKeys() throws Exception {
        // Streams and bridge decide provider availability as well, so keys given to the workers alone would not do.
        Map<String, ProviderConfig> first = null;
        for (JavaService client : compose.configReaders(SET_HOST)) {
            Map<String, ProviderConfig> providers = compose.loadConfig(client, SET_HOST).providers();
            assertThat(providers.values()).as("providers of %s", client.name()).allMatch(ProviderConfig::hasCredentials);
            first = first == null ? providers : first;
            assertThat(providers).as("providers of %s", client.name()).isEqualTo(first);
        }
    }

    @Test
    void builtJarsNameThePomMainClassInTheirManifest() throws Exception {
        for (JavaService service : compose.javaServices(BARE_HOST)) {
            Path jar = compose.hostPath(service, service.jar());
            // Before `mvn package` there is no jar to check; the other tests hold without one.
            if (Files.isRegularFile(jar)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    assertThat(file.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS))
                            .as("Main-Class of %s", jar).isEqualTo(service.mainClass());
                }
            }
        }
    }

    private static List<ProviderConfig> simulated(Map<String, ProviderConfig> providers) {
        List<ProviderConfig> simulated = providers.values().stream().filter(p -> "simulator".equals(p.kind())).toList();
        assertThat(simulated).as("simulator providers in the configuration").isNotEmpty();
        return simulated;
    }
}
