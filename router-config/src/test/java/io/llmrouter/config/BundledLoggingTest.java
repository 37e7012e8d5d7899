package io.llmrouter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;

class BundledLoggingTest {

    private String before;

    @BeforeEach
    void rememberProperty() {
        before = System.getProperty(BundledLogging.PROPERTY);
        System.clearProperty(BundledLogging.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(BundledLogging.PROPERTY);
        } else {
            System.setProperty(BundledLogging.PROPERTY, before);
        }
    }

    @Test
    void namesTheBundledSetupWhenTheOperatorNamedNone() {
        BundledLogging.useUnlessConfigured();

        assertThat(System.getProperty(BundledLogging.PROPERTY)).isEqualTo("router-logback.xml");
        assertThat(getClass().getClassLoader().getResource("router-logback.xml")).isNotNull();
    }

    @Test
    void keepsTheSetupTheOperatorNamed() {
        System.setProperty(BundledLogging.PROPERTY, "/etc/llm-router/logback.xml");

        BundledLogging.useUnlessConfigured();

        assertThat(System.getProperty(BundledLogging.PROPERTY)).isEqualTo("/etc/llm-router/logback.xml");
    }

    @Test
    void bundledSetupLogsTheRouterAtInfoAndItsLibrariesAtWarn() throws Exception {
        LoggerContext context = configuredFrom(getClass().getClassLoader().getResource(BundledLogging.RESOURCE));

        assertThat(new StatusUtil(context).getHighestLevel(0)).isLessThan(Status.WARN);
        assertThat(context.getLogger("io.llmrouter.bridge.RouterBridge").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("kafka.server.BrokerServer").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.vertx.core.impl.ContextImpl").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.netty.channel.DefaultChannelPipeline").getEffectiveLevel())
                .isEqualTo(Level.WARN);
    }

    private static LoggerContext configuredFrom(URL resource) throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(resource);
        return context;
    }
}
