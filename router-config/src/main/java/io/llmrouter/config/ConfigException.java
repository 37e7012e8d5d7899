package io.llmrouter.config;

import java.util.List;

/** A configuration that cannot be used; the message names the file, the path and each problem. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(describe(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(String source, List<String> problems) {
        StringBuilder text = new StringBuilder("Invalid configuration in ").append(source).append(':');
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(source).append(": ").append(problem);
        }
        return text.toString();
    }
}
