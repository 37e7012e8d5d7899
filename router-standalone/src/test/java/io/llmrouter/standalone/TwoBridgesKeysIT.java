package io.llmrouter.standalone;

import static io.llmrouter.standalone.RouterUnderTest.chat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.llmrouter.bridge.RouterBridge;
import io.llmrouter.config.KeyHash;
import io.llmrouter.config.KeysConfig;
import io.llmrouter.config.RouterConfig;
import io.llmrouter.config.VirtualKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key's limit is held by the topology, not by a bridge: with a requests-per-minute limit of N, 2N concurrent calls
 * split over two bridges get exactly N answers and N 429s.
 */
class TwoBridgesKeysIT {

    // At 6 a minute the bucket gains one request per 10 s: far more than the burst below takes to pass the ledger.
    private static final int LIMIT = 6;
    private static final String KEY_ID = "shared-" + Long.toString(System.nanoTime(), 36);
    private static final String SECRET = KEY_ID + "-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static RouterUnderTest router;
    private static RouterBridge second;

    @BeforeAll
    static void start() {
        KeysConfig keys = new KeysConfig(null, null, Map.of(KEY_ID, new VirtualKey(KeyHash.sha256Hex(SECRET), null,
                null, null, (long) LIMIT, null, null, null)));
        router = RouterUnderTest.start(config -> config.withKeys(keys));
        RouterConfig config = router.config();
        second = RouterBridge.start(config.withBridge(config.bridge().withPort(0)
                .withInstanceId(config.bridge().instanceId() + "-keys-second")), Set.of("simulator"));
    }

    @AfterAll
    static void stop() {
        second.close();
        router.close();
    }

    @Test
    void aKeysRateIsEnforcedExactlyAcrossTwoBridges() {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            calls.add(call(router.baseUrl().replace("/v1", ""), "first " + i));
            calls.add(call("http://127.0.0.1:" + second.port(), "second " + i));
        }

        List<Integer> statuses = calls.stream().map(call -> call.join().statusCode()).toList();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(LIMIT);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(LIMIT);
    }

    private static CompletableFuture<HttpResponse<String>> call(String root, String prompt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + SECRET)
                .header("Cache-Control", "no-cache")
                .POST(HttpRequest.BodyPublishers.ofString(chat("auto", prompt + " " + System.nanoTime())))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
