package io.llmrouter.workers;

import java.util.Set;
import java.util.function.Function;

/**
 * Makes adapters for one or more provider kinds. Third parties add a provider by putting a jar
 * with an implementation on the class path, listed in
 * {@code META-INF/services/io.llmrouter.workers.ProviderAdapterFactory}, and naming its kind in the
 * configuration.
 */
public interface ProviderAdapterFactory {

    /** The {@code kind:} values this factory serves. */
    Set<String> kinds();

    /** An adapter for one configured provider. */
    ProviderAdapter create(AdapterContext context);

    /** A factory serving the given kinds with the given constructor. */
    static ProviderAdapterFactory of(Set<String> kinds, Function<AdapterContext, ProviderAdapter> constructor) {
        Set<String> served = Set.copyOf(kinds);
        return new ProviderAdapterFactory() {
            @Override
            public Set<String> kinds() {
                return served;
            }

            @Override
            public ProviderAdapter create(AdapterContext context) {
                return constructor.apply(context);
            }
        };
    }
}
