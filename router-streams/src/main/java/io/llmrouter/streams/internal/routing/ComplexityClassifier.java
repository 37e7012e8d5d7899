package io.llmrouter.streams.internal.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.llmrouter.config.ClassifierSettings;

/**
 * Judges whether a prompt is simple or complex from signals anyone can check, each worth points:
 * code (a fenced block or a programming task such as "write a function", "implement", "regex", "stack trace":
 * 2; a code-like line: 1; at most 2 in all), reasoning (an explicit request such as "step by step", "prove",
 * "show your work": 2; each other reasoning word such as "compare", "trade-offs", "design", "why does": 1;
 * three or more numbered steps or questions: 1), and length (over the long-prompt token limit: 2, over a
 * quarter of it: 1). A prompt is complex from the threshold (2 points) on.
 */
public final class ComplexityClassifier {

    private static final Pattern FENCE = Pattern.compile("```");
    private static final Pattern CODE_LINE = Pattern.compile(
            "(?m)^\\s*(def |class |public |private |import |from \\S+ import|#include|function\\b|const |let |var |"
                    + "SELECT\\b|INSERT\\b|UPDATE\\b|CREATE TABLE|for\\s*\\(|while\\s*\\(|if\\s*\\(|return\\b)"
                    + "|[;{}]\\s*$|=>|\\w+\\([^)]*\\)\\s*[{:]");
    private static final Pattern CODE_TASK = Pattern.compile(
            "\\b(implement|refactor|debug|compile|stack ?trace|unit tests?|regex|regular expression|algorithm|"
                    + "(write|fix|optimi[sz]e|review) (a |an |the |this |my )?(function|program|script|class|method|"
                    + "query|code|sql|test)|time complexity|big-o|segfault|null ?pointer|exception)\\b");
    private static final Pattern EXPLICIT_REASONING = Pattern.compile(
            "\\b(step[- ]by[- ]step|prove|proof|derive|show your (reasoning|work|working)|in detail|walk me through|"
                    + "reason about)\\b");
    private static final Pattern REASONING = Pattern.compile(
            "\\b(analy[sz]e|compare|trade-?offs?|pros and cons|design|architect|plan|strateg(y|ies)|evaluate|"
                    + "justify|calculate|estimate|optimi[sz]e|why does|why is|explain why|explain how|"
                    + "what would happen|what could go wrong|root cause|failure modes?|critique)\\b");
    private static final Pattern NUMBERED = Pattern.compile("(?m)^\\s*(\\d+[.)]|[-*])\\s+\\S");

    private final ClassifierSettings settings;

    public ComplexityClassifier(ClassifierSettings settings) {
        this.settings = settings;
    }

    /**
     * The verdict on one prompt.
     *
     * @param complex true at or above the threshold
     * @param points  the points the signals added up to
     * @param signals what was seen, e.g. {@code code: fenced block}
     */
    public record Verdict(boolean complex, int points, List<String> signals) {

        /** E.g. {@code complex (3 points: code: fenced block; reasoning: 'step by step')}. */
        public String describe() {
            return (complex ? "complex" : "simple") + " (" + points + " points"
                    + (signals.isEmpty() ? "" : ": " + String.join("; ", signals)) + ")";
        }
    }

    /** Classifies the last user message of a request, with the whole prompt's length in tokens. */
    public Verdict classify(String lastUserText, int promptTokens) {
        List<String> signals = new ArrayList<>();
        int points = codePoints(lastUserText, signals) + reasoningPoints(lastUserText, signals)
                + lengthPoints(promptTokens, signals);
        return new Verdict(points >= settings.threshold(), points, List.copyOf(signals));
    }

    private static int codePoints(String text, List<String> signals) {
        if (FENCE.matcher(text).find()) {
            signals.add("code: fenced block");
            return 2;
        }
        Matcher task = CODE_TASK.matcher(text.toLowerCase(Locale.ROOT));
        if (task.find()) {
            signals.add("code: '" + task.group() + "'");
            return 2;
        }
        Matcher line = CODE_LINE.matcher(text);
        if (line.find()) {
            signals.add("code: code-like line '" + line.group().trim() + "'");
            return 1;
        }
        return 0;
    }

    private static int reasoningPoints(String text, List<String> signals) {
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher explicit = EXPLICIT_REASONING.matcher(lower);
        if (explicit.find()) {
            signals.add("reasoning asked for: '" + explicit.group() + "'");
            return 2;
        }
        Matcher phrase = REASONING.matcher(lower);
        List<String> found = new ArrayList<>();
        while (phrase.find() && found.size() < 3) {
            if (!found.contains(phrase.group())) {
                found.add(phrase.group());
            }
        }
        int points = found.size();
        if (!found.isEmpty()) {
            signals.add("reasoning: '" + String.join("', '", found) + "'");
        }
        long steps = NUMBERED.matcher(text).results().count();
        long questions = text.chars().filter(c -> c == '?').count();
        if (steps >= 3 || questions >= 3) {
            signals.add("multi-step: " + Math.max(steps, questions) + " parts");
            points++;
        }
        return points;
    }

    private int lengthPoints(int promptTokens, List<String> signals) {
        if (promptTokens >= settings.longPromptTokens()) {
            signals.add("long context: " + promptTokens + " tokens");
            return 2;
        }
        if (promptTokens >= settings.longPromptTokens() / 4) {
            signals.add("long prompt: " + promptTokens + " tokens");
            return 1;
        }
        return 0;
    }
}
