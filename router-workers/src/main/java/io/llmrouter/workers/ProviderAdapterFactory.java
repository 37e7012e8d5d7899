package io.llmrouter.workers;

import java.util.Set;

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
}
