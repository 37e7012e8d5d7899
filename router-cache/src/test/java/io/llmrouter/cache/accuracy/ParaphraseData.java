package io.llmrouter.cache.accuracy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared labelled paraphrase pairs ({@code ../shared/data/paraphrase} beside the repository) and their fixed
 * split: STS-B train and the even-numbered QQP pairs fit the verifier and choose the threshold; STS-B dev and the
 * odd-numbered QQP pairs are held out for reporting.
 */
public final class ParaphraseData {

    private static final String RELATIVE = "../shared/data/paraphrase";

    private ParaphraseData() {
    }

    /** Every pair of both corpora, labelled or not. */
    public static List<LabelledPair> load() {
        Path directory = locate();
        List<LabelledPair> pairs = new ArrayList<>();
        pairs.addAll(stsb(directory.resolve("stsb-en-train.csv"), false));
        pairs.addAll(stsb(directory.resolve("stsb-en-dev.csv"), true));
        pairs.addAll(qqp(directory.resolve("qqp-val.csv")));
        return pairs;
    }

    /** The data directory: {@code -Dparaphrase.data}, else found beside the repository root. */
    public static Path locate() {
        String explicit = System.getProperty("paraphrase.data");
        if (explicit != null) {
            return requireData(Path.of(explicit));
        }
        List<Path> starts = new ArrayList<>();
        String root = System.getProperty("maven.multiModuleProjectDirectory");
        if (root != null) {
            starts.add(Path.of(root));
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(RELATIVE).normalize();
                if (Files.isRegularFile(candidate.resolve("qqp-val.csv"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("labelled paraphrase data not found: expected " + RELATIVE
                + " relative to the repository root (searched upwards from " + starts
                + "); set -Dparaphrase.data=<dir> to point at it");
    }

    private static Path requireData(Path directory) {
        if (!Files.isRegularFile(directory.resolve("qqp-val.csv"))) {
            throw new IllegalStateException("no labelled paraphrase data in " + directory);
        }
        return directory;
    }

    private static List<LabelledPair> stsb(Path file, boolean heldOut) {
        List<LabelledPair> pairs = new ArrayList<>();
        int index = 0;
        for (List<String> row : rows(file, false)) {
            pairs.add(new LabelledPair(Corpus.STSB, index++, row.get(0), row.get(1), Double.parseDouble(row.get(2)),
                    heldOut));
        }
        return pairs;
    }

    private static List<LabelledPair> qqp(Path file) {
        List<LabelledPair> pairs = new ArrayList<>();
        int index = 0;
        for (List<String> row : rows(file, true)) {
            pairs.add(new LabelledPair(Corpus.QQP, index, row.get(0), row.get(1), Double.parseDouble(row.get(2)),
                    index % 2 == 1));
            index++;
        }
        return pairs;
    }

    private static List<List<String>> rows(Path file, boolean header) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(file.toFile())) {
            List<List<String>> rows = new ArrayList<>(it.readAll());
            if (header && !rows.isEmpty()) {
                rows.remove(0);
            }
            rows.removeIf(row -> row.size() < 3);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
