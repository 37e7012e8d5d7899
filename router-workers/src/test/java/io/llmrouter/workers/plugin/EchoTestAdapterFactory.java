package io.llmrouter.workers.plugin;

import java.util.Set;

import io.llmrouter.workers.AdapterContext;
import io.llmrouter.workers.ProviderAdapter;
import io.llmrouter.workers.ProviderAdapterFactory;

/**
 * An adapter plug-in as a third party would write one: serves kind {@code echo-test}, listed in
 * {@code META-INF/services/io.llmrouter.workers.ProviderAdapterFactory} of the test class path.
 */
public final class EchoTestAdapterFactory implements ProviderAdapterFactory {

    public static final String KIND = "echo-test";

    @Override
    public Set<String> kinds() {
        return Set.of(KIND);
    }

    @Override
    public ProviderAdapter create(AdapterContext context) {
        return new EchoTestAdapter(context);
    }
}
