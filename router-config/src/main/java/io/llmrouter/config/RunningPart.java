package io.llmrouter.config;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a started part of the router running until the process is asked to stop (Ctrl-C, SIGTERM), then closes it. */
public final class RunningPart {

    private static final Logger LOG = LoggerFactory.getLogger(RunningPart.class);

    private RunningPart() {
    }

    /** Blocks until JVM shutdown begins; the part is closed by the shutdown hook before the JVM exits. */
    public static void awaitShutdown(String name, AutoCloseable part) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", name, e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, name + "-stop"));
        stopped.await();
    }
}
