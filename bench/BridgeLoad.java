import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on the HTTP bridge of a running standalone router, compared with its simulator called directly.
 * Usage: java BridgeLoad.java latency ROUTER_ROOT SIMULATOR_ROOT RATE SECONDS WARMUP_SECONDS [ROUNDS]
 *        java BridgeLoad.java throughput ROUTER_ROOT CONCURRENCY[,CONCURRENCY...] SECONDS
 *        java BridgeLoad.java ttft ROUTER_ROOT SIMULATOR_ROOT COUNT WARMUP
 *        java BridgeLoad.java inflight ROUTER_ROOT ROUTER_PID COUNT
 */
public final class BridgeLoad {

    // A round in which the hypervisor took more than this share of the machine's CPU time measures the host.
    private static final int QUIET_STOLEN_PERCENT = 2;

    // Callbacks only record a number, so they run on the client's own selector thread: a pool would add a thread
    // switch to every call and take CPU from the router on a 2-core machine.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Runnable::run).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "latency" -> latency(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), args.length > 6 ? Integer.parseInt(args[6]) : 1);
            case "throughput" -> throughput(args[1], args[2], Integer.parseInt(args[3]));
            case "ttft" -> ttft(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "inflight" -> inflight(args[1], args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    private static HttpRequest chat(String root, String model, String prompt, boolean stream) {
        String body = "{\"model\":\"" + model + "\"," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        // no-cache: every call goes the whole way, even if a prompt repeats.
        return HttpRequest.newBuilder(URI.create(root + "/v1/chat/completions")).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Cache-Control", "no-cache")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * Open loop: one call every 1/rate s, latency counted from when the call was due (no coordinated omission).
     * Each round measures the router, then the simulator directly, so a slow spell of the machine falls on both;
     * with several rounds it prints the median round, and the difference of each path's median over the rounds,
     * which a stall on one path in fewer than half the rounds cannot move (the median round can: a stall on the
     * direct path makes that round's added p99 negative). When some rounds had the hypervisor take
     * {@value #QUIET_STOLEN_PERCENT}% or more of the machine's CPU time on either path, it prints the same medians over
     * the other rounds too.
     */
    private static void latency(String router, String simulator, int rate, int seconds, int warmup, int rounds)
            throws Exception {
        openLoop(router, "auto", rate, warmup);
        // The simulator serves the router's calls in the same JVM, so it is mostly warm by now.
        openLoop(simulator, "simulator-fast", rate, Math.min(warmup, 30));
        List<double[]> added = new ArrayList<>();
        List<double[]> routerRounds = new ArrayList<>();
        List<double[]> directRounds = new ArrayList<>();
        List<Integer> quietRounds = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            CpuTimes before = CpuTimes.now();
            long[] viaRouter = openLoop(router, "auto", rate, seconds);
            CpuTimes between = CpuTimes.now();
            long[] direct = openLoop(simulator, "simulator-fast", rate, seconds);
            CpuTimes after = CpuTimes.now();
            if (rounds > 1) {
                System.out.println("round " + round + " of " + rounds);
            }
            double routerStolen = between.stolenPercentSince(before);
            double directStolen = after.stolenPercentSince(between);
            report("bridge path @" + rate + "/s", viaRouter, routerStolen);
            report("simulator @" + rate + "/s", direct, directStolen);
            if (routerStolen < QUIET_STOLEN_PERCENT && directStolen < QUIET_STOLEN_PERCENT) {
                quietRounds.add(round - 1);
            }
            double[] router50And99 = {pct(viaRouter, 50) / 1e6, pct(viaRouter, 99) / 1e6};
            double[] direct50And99 = {pct(direct, 50) / 1e6, pct(direct, 99) / 1e6};
            double[] figures = {router50And99[0] - direct50And99[0], router50And99[1] - direct50And99[1]};
            System.out.printf("added: p50 %.2f ms, p99 %.2f ms%n", figures[0], figures[1]);
            added.add(figures);
            routerRounds.add(router50And99);
            directRounds.add(direct50And99);
        }
        if (rounds > 1) {
            added.sort((a, b) -> Double.compare(a[1], b[1]));
            double[] median = added.get(rounds / 2);
            System.out.printf("median round (by p99) of %d: added p50 %.2f ms, p99 %.2f ms%n", rounds, median[0], median[1]);
            printPathMedians("each path's median over " + rounds + " rounds", routerRounds, directRounds);
            if (!quietRounds.isEmpty() && quietRounds.size() < rounds) {
                printPathMedians("the same over the " + quietRounds.size() + " rounds with under " + QUIET_STOLEN_PERCENT
                        + "% stolen on both paths", quietRounds.stream().map(routerRounds::get).toList(),
                        quietRounds.stream().map(directRounds::get).toList());
            }
        }
    }

    private static void printPathMedians(String label, List<double[]> routerRounds, List<double[]> directRounds) {
        double[] routerMedian = {medianOf(routerRounds, 0), medianOf(routerRounds, 1)};
        double[] directMedian = {medianOf(directRounds, 0), medianOf(directRounds, 1)};
        System.out.printf("%s: bridge path p50 %.2f ms, p99 %.2f ms; simulator p50 %.2f ms, p99 %.2f ms;"
                + " added p50 %.2f ms, p99 %.2f ms%n", label, routerMedian[0], routerMedian[1], directMedian[0],
                directMedian[1], routerMedian[0] - directMedian[0], routerMedian[1] - directMedian[1]);
    }

    private static long[] openLoop(String root, String model, int rate, int seconds) throws Exception {
        int count = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        List<CompletableFuture<?>> calls = new ArrayList<>(count);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        CompletableFuture<Void> allScheduled = new CompletableFuture<>();
        ticker.scheduleAtFixedRate(new Runnable() {
            int sent;

            @Override
            public void run() {
                long due = start + sent * periodNanos;
                while (sent < count && System.nanoTime() >= due) {
                    int i = sent++;
                    long dueAt = due;
                    calls.add(HTTP.sendAsync(chat(root, model, "load " + i + " " + dueAt, false),
                            HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 200) {
                            failures.incrementAndGet();
                        } else {
                            nanos.add(System.nanoTime() - dueAt);
                        }
                    }));
                    due = start + sent * periodNanos;
                }
                if (sent >= count) {
                    allScheduled.complete(null);
                }
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        allScheduled.get();
        ticker.shutdownNow();
        // The ticker thread filled the list and has stopped: reading it here is safe.
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();
        if (failures.get() > 0) {
            System.out.println("  " + failures.get() + " of " + count + " calls to " + root + " failed");
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** Closed loop: CONCURRENCY callers each sending the next call when the last is answered. */
    private static void throughput(String router, String concurrencies, int seconds) throws Exception {
        for (String level : concurrencies.split(",")) {
            int callers = Integer.parseInt(level);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                loops.add(loop(router, c, end, ok, failed, nanos));
            }
            long started = System.nanoTime();
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
            double elapsed = (System.nanoTime() - started) / 1e9;
            long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            System.out.printf("%4d callers: %.0f answers/s over %.1f s, %d failed; latency p50 %.1f ms, p99 %.1f ms%n",
                    callers, ok.get() / elapsed, elapsed, failed.get(), pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6);
        }
    }

    private static CompletableFuture<Void> loop(String root, int caller, long end, AtomicLong ok, AtomicLong failed,
                                                ConcurrentLinkedQueue<Long> nanos) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        long started = System.nanoTime();
        return HTTP.sendAsync(chat(root, "auto", "caller " + caller + " " + started, false),
                HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            if (error == null && response.statusCode() == 200) {
                ok.incrementAndGet();
                nanos.add(System.nanoTime() - started);
            } else {
                failed.incrementAndGet();
            }
            return null;
        }).thenCompose(v -> loop(root, caller, end, ok, failed, nanos));
    }

    /** Sequential streamed calls: time from sending to the first {@code data:} line, bridge and simulator. */
    private static void ttft(String router, String simulator, int count, int warmup) throws Exception {
        firstTokens(router, "auto", warmup);
        firstTokens(simulator, "simulator-fast", warmup);
        long[] viaRouter = firstTokens(router, "auto", count);
        long[] direct = firstTokens(simulator, "simulator-fast", count);
        report("bridge first token", viaRouter);
        report("simulator first token", direct);
    }

    private static long[] firstTokens(String root, String model, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            HttpResponse<InputStream> response = HTTP.send(chat(root, model, "stream " + i + " " + started, true),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null && !line.startsWith("data:")) {
                    // skip blank lines and comments before the first event
                }
                nanos[i] = System.nanoTime() - started;
                if (line == null || response.statusCode() != 200) {
                    throw new IllegalStateException("stream " + i + " from " + root + " gave no data");
                }
                while (lines.readLine() != null) {
                    // read to the end so the connection is reused
                }
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** COUNT calls held upstream by the simulator's latency; heap after a full GC before and while they wait. */
    private static void inflight(String router, String pid, int count) throws Exception {
        long idle = heapAfterGc(pid);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(HTTP.sendAsync(chat(router, "auto", "held " + i + " " + System.nanoTime(), false),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double waiting = 0;
        while (System.nanoTime() < deadline && (waiting = inFlight(router)) < count) {
            Thread.sleep(100);
        }
        long busy = heapAfterGc(pid);
        System.out.printf("in flight at the bridge: %.0f; heap after full GC: idle %.1f MiB, with them %.1f MiB "
                + "(%.1f KiB per call)%n", waiting, idle / 1048576.0, busy / 1048576.0, (busy - idle) / 1024.0 / count);
        long ok = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        System.out.printf("answered 200: %d of %d%n", ok, count);
    }

    private static double inFlight(String router) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(router + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("llm_router_requests_in_flight{")
                        && line.contains("chat_completions"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Heap in use after {@code jcmd PID GC.run}, read from {@code GC.heap_info}'s "used" figures. */
    private static long heapAfterGc(String pid) throws Exception {
        run("jcmd", pid, "GC.run");
        String info = run("jcmd", pid, "GC.heap_info");
        long usedKib = 0;
        for (String line : info.lines().toList()) {
            // G1: " garbage-first heap   total 262144K, used 101234K [...]"
            int at = line.indexOf("used ");
            if (line.contains("heap") && line.contains("total") && at >= 0) {
                usedKib += Long.parseLong(line.substring(at + 5, line.indexOf('K', at)));
            }
        }
        return usedKib * 1024;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    /** The median of one column over the rounds (the mean of the middle two for an even count). */
    private static double medianOf(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(round -> round[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double pct(long[] sorted, int p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void report(String label, long[] sorted) {
        System.out.println(percentiles(label, sorted));
    }

    private static void report(String label, long[] sorted, double stolenPercent) {
        System.out.printf("%s  stolen %.1f%%%n", percentiles(label, sorted), stolenPercent);
    }

    private static String percentiles(String label, long[] sorted) {
        return String.format("%-24s n=%d p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms", label, sorted.length,
                pct(sorted, 50) / 1e6, pct(sorted, 90) / 1e6, pct(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /**
     * The machine's CPU time so far, from /proc/stat: on a virtual machine, "steal" is time its cores were runnable
     * but the hypervisor ran other guests, which shows up as latency on every path and says nothing of the router.
     */
    private record CpuTimes(long steal, long total) {

        static CpuTimes now() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i <= 8; i++) {
                    total += Long.parseLong(fields[i]);
                }
                return new CpuTimes(Long.parseLong(fields[8]), total);
            } catch (Exception notLinux) {
                return new CpuTimes(0, 0);
            }
        }

        double stolenPercentSince(CpuTimes before) {
            long elapsed = total - before.total;
            return elapsed <= 0 ? Double.NaN : 100.0 * (steal - before.steal) / elapsed;
        }
    }
}
