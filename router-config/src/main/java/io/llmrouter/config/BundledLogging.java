package io.llmrouter.config;

/** Points Logback at the logging setup bundled with the router, unless the operator named one. */
public final class BundledLogging {

    /** Logback's system property for its configuration: a file, a URL or a class-path resource. */
    static final String PROPERTY = "logback.configurationFile";

    /** The bundled setup: the router at INFO; Kafka, Vert.x and Netty at WARN. */
    static final String RESOURCE = "router-logback.xml";

    private BundledLogging() {
    }

    /**
     * Call first in {@code main}, before anything creates a logger: Logback reads the property once, at its first
     * use. Without it a part started from its own jar would log everything at DEBUG, Logback's default.
     */
    public static void useUnlessConfigured() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, RESOURCE);
        }
    }
}
