package io.llmrouter.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.llmrouter.config.internal.ConfigValidator;
import io.llmrouter.config.internal.EnvSubstitution;

/** Reads the YAML configuration, substitutes {@code ${ENV}} references and validates the result. */
public final class ConfigLoader {

    /** The configuration shipped with the router, used when no file is named. */
    public static final String BUNDLED_RESOURCE = "router.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ConfigLoader() {
    }

    /** Loads a configuration file with the process environment. */
    public static RouterConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Loads a configuration file with the given environment. */
    public static RouterConfig load(Path file, Map<String, String> env) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        return parse(yaml, file.toString(), env);
    }

    /** Loads the named file, or the bundled configuration when none is named, with the process environment. */
    public static RouterConfig loadOrBundled(Path fileOrNull) {
        return fileOrNull == null ? loadBundled(System.getenv()) : load(fileOrNull);
    }

    /** Loads the bundled configuration with the given environment. */
    public static RouterConfig loadBundled(Map<String, String> env) {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new ConfigException(BUNDLED_RESOURCE, List.of("not found on the class path"));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUNDLED_RESOURCE, env);
        } catch (IOException e) {
            throw new ConfigException(BUNDLED_RESOURCE, List.of("cannot read: " + e.getMessage()));
        }
    }

    /** Parses YAML text; {@code source} names it in error messages. */
    public static RouterConfig parse(String yaml, String source, Map<String, String> env) {
        RouterConfig config;
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree == null || !tree.isObject()) {
                throw new ConfigException(source, List.of("the file is empty or not a YAML mapping"));
            }
            config = YAML.treeToValue(new EnvSubstitution(env).apply(tree), RouterConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(describe(e)));
        }
        List<String> problems = new ConfigValidator(config).problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return config;
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return path(unknown) + ": unknown setting '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            Throwable cause = mapping.getCause();
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : mapping.getOriginalMessage();
            return path(mapping) + ": " + reason;
        }
        String location = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
        return location + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }
}
