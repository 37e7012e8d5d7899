package io.llmrouter.cache.bench;

import io.llmrouter.cache.accuracy.VerifiedPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Writes scored pairs as tab-separated lines for inspection outside the JVM. */
final class PairDump {

    private PairDump() {
    }

    static void write(Path file, List<VerifiedPair> pairs) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("corpus\tindex\theldOut\tscore\tcosine\trule\tfeatures\tfirst\tsecond");
            for (VerifiedPair scored : pairs) {
                var p = scored.pair();
                out.printf("%s\t%d\t%b\t%.2f\t%.5f\t%s\t%s\t%s\t%s%n", p.corpus(), p.index(), p.heldOut(), p.score(),
                        scored.cosine(), scored.features().brokenRule(),
                        Arrays.toString(scored.features().values()), p.first().replace('\t', ' '), p.second().replace('\t', ' '));
            }
        }
    }
}
