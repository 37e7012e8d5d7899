import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sequential requests through the router and straight to its upstream, reporting percentiles of each
 * and the router's added latency. Usage: java PathLatency.java ROUTER_URL UPSTREAM_URL COUNT WARMUP
 */
public final class PathLatency {

    public static void main(String[] args) throws Exception {
        String router = args[0];
        String upstream = args[1];
        int count = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        measure(http, router, "auto", warmup);
        measure(http, upstream, "simulator-fast", warmup);
        long[] viaRouter = measure(http, router, "auto", count);
        long[] direct = measure(http, upstream, "simulator-fast", count);
        report("through the router", viaRouter);
        report("upstream directly", direct);
        System.out.printf("added by the router: p50 %.2f ms%n", (percentile(viaRouter, 50) - percentile(direct, 50)) / 1e6);
        measureHits(http, router, warmup);
        report("exact cache hits", measureHits(http, router, count));
    }

    /** The same deterministic request again and again: after the first, each is answered by the exact cache tier. */
    private static long[] measureHits(HttpClient http, String url, int count) throws Exception {
        String body = "{\"model\":\"auto\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"cache probe\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"hit-exact".equals(http.send(request, HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("X-Router-Cache").orElse(""))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the repeat never became an exact cache hit");
            }
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - started;
            if (!"hit-exact".equals(response.headers().firstValue("X-Router-Cache").orElse(""))) {
                throw new IllegalStateException("repeat " + i + " was not an exact hit: " + response.headers().map());
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static long[] measure(HttpClient http, String url, String model, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"latency probe "
                    + i + " " + System.nanoTime() + "\"}]}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - started;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("request " + i + " to " + url + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void report(String label, long[] sorted) {
        System.out.printf("%-20s n=%d p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", label, sorted.length,
                percentile(sorted, 50) / 1e6, percentile(sorted, 90) / 1e6, percentile(sorted, 99) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
