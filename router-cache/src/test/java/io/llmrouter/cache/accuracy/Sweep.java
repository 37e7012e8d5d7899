package io.llmrouter.cache.accuracy;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/** Tables of a hit decision's outcomes as one of its settings varies, in Markdown. */
public final class Sweep {

    private Sweep() {
    }

    /** Thresholds 0.80, 0.81, ... 0.98. */
    public static double[] thresholds() {
        double[] thresholds = new double[19];
        for (int i = 0; i < thresholds.length; i++) {
            thresholds[i] = Math.round((0.80 + i * 0.01) * 100) / 100.0;
        }
        return thresholds;
    }

    /** One row per setting: false-hit rate, precision, recall and the counts behind them. */
    public static String table(String settingName, double[] settings, DoubleFunction<Confusion> outcome) {
        StringBuilder table = new StringBuilder(header(settingName));
        for (double setting : settings) {
            table.append(row(String.format(Locale.ROOT, "%.2f", setting), outcome.apply(setting)));
        }
        return table.toString();
    }

    /** The head of a table whose first column is {@code settingName}. */
    public static String header(String settingName) {
        return "| " + settingName
                + " | false-hit rate | precision | recall | hits right / wrong | same / different pairs |\n"
                + "|---|---|---|---|---|---|\n";
    }

    /** One Markdown table row for {@code label}. */
    public static String row(String label, Confusion c) {
        return String.format(Locale.ROOT, "| %s | %.2f%% | %.1f%% | %.1f%% | %d / %d | %d / %d |%n", label,
                100 * c.falseHitRate(), 100 * c.precision(), 100 * c.recall(), c.truePositives(), c.falsePositives(),
                c.positives(), c.negatives());
    }

    /** The pairs of one corpus and split. */
    public static <P> List<P> select(List<P> pairs, Function<P, LabelledPair> label,
                                     Corpus corpus, boolean heldOut) {
        return pairs.stream()
                .filter(p -> label.apply(p).corpus() == corpus && label.apply(p).heldOut() == heldOut)
                .toList();
    }
}
