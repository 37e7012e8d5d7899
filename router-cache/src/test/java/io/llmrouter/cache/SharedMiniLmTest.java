package io.llmrouter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SharedMiniLmTest {

    private final Path directory = ModelDirectory.path();

    @Test
    void twoPartsShareOneModelUntilTheLastLetsGo() {
        try (SharedMiniLm.Lease cache = SharedMiniLm.acquire(directory);
             SharedMiniLm.Lease endpoint = SharedMiniLm.acquire(directory)) {
            assertThat(SharedMiniLm.leases(directory)).isEqualTo(2);

            cache.close();

            assertThat(SharedMiniLm.leases(directory)).isEqualTo(1);
            assertThat(endpoint.embed("Still usable after the other part closed")).hasSize(384);
        }
        assertThat(SharedMiniLm.leases(directory)).isZero();
    }

    @Test
    void closingALeaseTwiceReleasesItOnce() {
        SharedMiniLm.Lease first = SharedMiniLm.acquire(directory);
        SharedMiniLm.Lease second = SharedMiniLm.acquire(directory);

        first.close();
        first.close();

        assertThat(SharedMiniLm.leases(directory)).isEqualTo(1);
        second.close();
        assertThat(SharedMiniLm.leases(directory)).isZero();
    }
}
