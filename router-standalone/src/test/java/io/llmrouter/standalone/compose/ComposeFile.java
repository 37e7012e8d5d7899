package io.llmrouter.standalone.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.llmrouter.config.ConfigLoader;
import io.llmrouter.config.RouterConfig;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** The repository's docker-compose.yml as Compose would read it, for tests that cannot run Docker. */
final class ComposeFile {

    /** Compose interpolation: {@code $$}, {@code ${VAR}}, {@code ${VAR-default}}, {@code ${VAR:-default}}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)-([^}]*))?}");
    private static final Pattern MODULE_JAR = Pattern.compile("([A-Za-z0-9._-]+)/target/\\1\\.jar");

    private final Path root;
    private final JsonNode services;

    private ComposeFile(Path root, JsonNode services) {
        this.root = root;
        this.services = services;
    }

    /** A service that runs {@code java -jar}; module and main class are null when the jar is no module's. */
    record JavaService(String name, JsonNode node, String jar, String module, String mainClass, List<String> args) {

        /** The main class's picocli command with the service's arguments parsed; throws if they are not accepted. */
        CommandLine parse() throws ReflectiveOperationException {
            CommandLine command = command();
            command.parseArgs(args.toArray(String[]::new));
            return command;
        }

        /** True when the main class reads the router configuration, and so talks to Kafka; judged without the arguments. */
        boolean readsConfig() throws ReflectiveOperationException {
            return mainClass != null && command().getCommandSpec().findOption("--config") != null;
        }

        /** The {@code --config} value, or null when none is given. */
        Path configArg() throws ReflectiveOperationException {
            var option = parse().getCommandSpec().findOption("--config");
            return option == null ? null : option.getValue();
        }

        private CommandLine command() throws ReflectiveOperationException {
            // picocli needs only an instance; a main need not make its constructor public.
            var constructor = Class.forName(mainClass).getDeclaredConstructor();
            constructor.setAccessible(true);
            return new CommandLine(constructor.newInstance());
        }
    }

    /** Reads docker-compose.yml from the repository root, the parent of the module directory Maven runs tests in. */
    static ComposeFile atRepositoryRoot() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (root == null || !Files.isRegularFile(root.resolve("docker-compose.yml"))
                || !Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new AssertionError("Expected the repository root, with docker-compose.yml and pom.xml, at " + root
                    + "; run this test with a module directory (e.g. router-standalone) as the working directory");
        }
        JsonNode services = new YAMLMapper().readTree(root.resolve("docker-compose.yml").toFile()).path("services");
        assertThat(services.isObject()).as("docker-compose.yml has a services mapping").isTrue();
        return new ComposeFile(root, services);
    }

    JsonNode service(String name) {
        return services.path(name);
    }

    /** Every service whose command is {@code java ... -jar JAR ...}, interpolated with the given host environment. */
    List<JavaService> javaServices(Map<String, String> host) throws Exception {
        List<JavaService> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : services.properties()) {
            List<String> command = new ArrayList<>();
            JsonNode node = entry.getValue().path("command");
            if (node.isArray()) {
                node.forEach(arg -> command.add(interpolate(arg.asText(), host)));
            } else if (node.isTextual()) {
                command.addAll(Arrays.asList(interpolate(node.asText(), host).trim().split("\\s+")));
            }
            int jar = command.indexOf("-jar") + 1;
            if (!command.isEmpty() && command.get(0).equals("java") && jar > 0 && jar < command.size()) {
                Matcher m = MODULE_JAR.matcher(command.get(jar));
                String module = m.matches() && modules().contains(m.group(1)) ? m.group(1) : null;
                found.add(new JavaService(entry.getKey(), entry.getValue(), command.get(jar), module,
                        module == null ? null : pomMainClass(module), List.copyOf(command.subList(jar + 1, command.size()))));
            }
        }
        assertThat(found).as("services that run java -jar").isNotEmpty();
        return found;
    }

    JavaService serviceRunning(String module, Map<String, String> host) throws Exception {
        return javaServices(host).stream().filter(s -> module.equals(s.module())).findFirst()
                .orElseThrow(() -> new AssertionError("no service runs the jar of " + module));
    }

    /** The Java services whose main reads router.yaml. */
    List<JavaService> configReaders(Map<String, String> host) throws Exception {
        List<JavaService> readers = new ArrayList<>();
        for (JavaService service : javaServices(host)) {
            if (service.readsConfig()) {
                readers.add(service);
            }
        }
        assertThat(readers).as("services that read the router configuration").isNotEmpty();
        return readers;
    }

    /** The configuration as the service's main loads it: the named file, else the bundled one. */
    RouterConfig loadConfig(JavaService service, Map<String, String> host) throws Exception {
        Path config = service.configArg();
        Map<String, String> env = environment(service.node(), host);
        return config == null ? ConfigLoader.loadBundled(env) : ConfigLoader.load(hostPath(service, config.toString()), env);
    }

    /** The service's {@code environment}, map or list form, interpolated with the given host environment. */
    static Map<String, String> environment(JsonNode service, Map<String, String> host) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(item -> {
                String[] pair = interpolate(item.asText(), host).split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : host.getOrDefault(pair[0], ""));
            });
        } else {
            node.properties().forEach(e -> env.put(e.getKey(), interpolate(e.getValue().asText(), host)));
        }
        return env;
    }

    /** Each volume as [source, target, mode], short or long syntax; mode is "ro" or "rw". */
    static List<List<String>> mounts(JsonNode service) {
        List<List<String>> mounts = new ArrayList<>();
        service.path("volumes").forEach(v -> {
            if (v.isTextual()) {
                String[] parts = v.asText().split(":");
                boolean ro = parts.length > 2 && Arrays.asList(parts[2].split(",")).contains("ro");
                mounts.add(List.of(parts[0].replaceAll("(.)/$", "$1"), parts.length > 1 ? parts[1] : parts[0], ro ? "ro" : "rw"));
            } else {
                mounts.add(List.of(v.path("source").asText().replaceAll("(.)/$", "$1"), v.path("target").asText(),
                        v.path("read_only").asBoolean() ? "ro" : "rw"));
            }
        });
        return mounts;
    }

    /** Where a path the container resolves against its working_dir lies in the repository, through the "." mount. */
    Path hostPath(JavaService service, String path) {
        Path inContainer = Path.of(service.node().path("working_dir").asText("/")).resolve(path).normalize();
        return mounts(service.node()).stream().filter(m -> m.get(0).equals(".") && inContainer.startsWith(m.get(1)))
                .map(m -> root.resolve(Path.of(m.get(1)).relativize(inContainer).toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(inContainer + " is outside the repository mount of " + service.name()));
    }

    /** The one service running the apache/kafka image. */
    String kafkaServiceName() {
        List<String> names = services.properties().stream()
                .filter(e -> e.getValue().path("image").asText().startsWith("apache/kafka:"))
                .map(Map.Entry::getKey).toList();
        assertThat(names).as("services running apache/kafka").hasSize(1);
        return names.get(0);
    }

    /** host:port of the broker's PLAINTEXT advertised listener, what clients in the network must bootstrap from. */
    String advertisedListener() {
        String listeners = environment(service(kafkaServiceName()), Map.of()).getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        return Arrays.stream(listeners.split(",")).filter(l -> l.startsWith("PLAINTEXT://"))
                .map(l -> l.substring("PLAINTEXT://".length())).findFirst()
                .orElseThrow(() -> new AssertionError("kafka advertises no PLAINTEXT listener: " + listeners));
    }

    List<String> modules() throws Exception {
        NodeList nodes = xml(root.resolve("pom.xml")).getElementsByTagName("module");
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent().trim()).toList();
    }

    /** The mainClass maven-jar-plugin writes into the module's manifest, or null. */
    String pomMainClass(String module) throws Exception {
        NodeList plugins = xml(root.resolve(module).resolve("pom.xml")).getElementsByTagName("plugin");
        return IntStream.range(0, plugins.getLength()).mapToObj(i -> (Element) plugins.item(i))
                .filter(p -> "maven-jar-plugin".equals(p.getElementsByTagName("artifactId").item(0).getTextContent().trim()))
                .map(p -> p.getElementsByTagName("mainClass")).filter(list -> list.getLength() > 0)
                .map(list -> list.item(0).getTextContent().trim()).findFirst().orElse(null);
    }

    static String interpolate(String text, Map<String, String> host) {
        return VARIABLE.matcher(text).replaceAll(m -> {
            if (m.group().equals("$$")) {
                return "\\$";
            }
            String value = host.get(m.group(1));
            boolean useDefault = value == null || (":".equals(m.group(2)) && value.isEmpty());
            return Matcher.quoteReplacement(useDefault ? (m.group(3) == null ? "" : m.group(3)) : value);
        });
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
