package io.llmrouter.cache.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a prompt that change its answer even when its embedding barely moves: numbers, names, dates,
 * units, negation, the question word, and its content words.
 *
 * @param words        every word, lower case
 * @param contentWords words that carry meaning (no stop words), lower case and crudely stemmed
 * @param numbers      numbers, digits or words, normalised to digits
 * @param names        words written with a capital inside a sentence (names, products, places), lower case
 * @param dates        months, weekdays and years
 * @param units        units of measure and currencies
 * @param negations    how many negating words the prompt has
 * @param questionWords the wh-words it asks with
 * @param questionType  what kind of answer it asks for: a wh-word, {@code "yesno"} or {@code "other"}
 * @param firstPerson   whether it speaks of "I", "me" or "my"
 * @param secondPerson  whether it speaks of "you" or "your"
 * @param stems         every word stemmed, in order, for comparing word order
 * @param questions     how many question marks it has: a second question asks for more
 */
public record PromptTerms(List<String> words, Set<String> contentWords, Set<String> numbers, Set<String> names,
                          Set<String> dates, Set<String> units, int negations, Set<String> questionWords,
                          String questionType, boolean firstPerson, boolean secondPerson, List<String> stems,
                          int questions) {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:[.,'’][\\p{L}\\p{N}]+)*|[%$€£¥₹]");
    private static final Pattern DIGITS = Pattern.compile("\\p{N}");
    private static final Pattern YEAR = Pattern.compile("(1[5-9]|20)\\d\\d");

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
            "about", "as", "into", "over", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does",
            "did", "doing", "have", "has", "had", "having", "i", "me", "my", "mine", "we", "us", "our", "you", "your",
            "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "this", "that", "these", "those",
            "there", "here", "so", "than", "then", "too", "very", "can", "could", "would", "should", "will", "shall",
            "may", "might", "must", "just", "also", "any", "some", "one's", "what", "which", "who", "whom", "whose",
            "why", "how", "when", "where", "s", "t", "d", "ll", "m", "re", "ve", "get", "gets", "got", "really",
            "way", "ways", "best", "good", "someone", "somebody", "people", "thing", "things");
    private static final Set<String> NEGATIONS = Set.of(
            "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "cannot", "without",
            "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wouldnt", "shouldnt",
            "wont", "hasnt", "havent", "hadnt", "aint");
    private static final Set<String> QUESTION_WORDS = Set.of(
            "what", "why", "how", "when", "where", "who", "whom", "whose", "which");
    private static final Set<String> AUXILIARIES = Set.of(
            "is", "are", "was", "were", "am", "can", "could", "do", "does", "did", "should", "would", "will",
            "shall", "may", "might", "must", "has", "have", "had");
    private static final Set<String> FIRST_PERSON = Set.of("i", "me", "my", "mine", "myself");
    private static final Set<String> SECOND_PERSON = Set.of("you", "your", "yours", "yourself");
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("twenty", "20"), Map.entry("thirty", "30"),
            Map.entry("fifty", "50"), Map.entry("hundred", "100"), Map.entry("thousand", "1000"),
            Map.entry("million", "1000000"), Map.entry("billion", "1000000000"),
            Map.entry("second", "2"), Map.entry("third", "3"), Map.entry("dozen", "12"), Map.entry("half", "0.5"));
    private static final Set<String> DATE_WORDS = Set.of(
            "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
            "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
            "yesterday", "tonight", "weekend");
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("km", "km"), Map.entry("kilometer", "km"), Map.entry("kilometre", "km"),
            Map.entry("mile", "mile"), Map.entry("miles", "mile"), Map.entry("m", "m"), Map.entry("meter", "m"),
            Map.entry("metre", "m"), Map.entry("cm", "cm"), Map.entry("mm", "mm"), Map.entry("inch", "inch"),
            Map.entry("inches", "inch"), Map.entry("feet", "foot"), Map.entry("foot", "foot"), Map.entry("ft", "foot"),
            Map.entry("kg", "kg"), Map.entry("kilogram", "kg"), Map.entry("g", "g"), Map.entry("gram", "g"),
            Map.entry("lb", "lb"), Map.entry("lbs", "lb"), Map.entry("pound", "lb"), Map.entry("ounce", "oz"),
            Map.entry("oz", "oz"), Map.entry("liter", "l"), Map.entry("litre", "l"), Map.entry("gallon", "gallon"),
            Map.entry("celsius", "celsius"), Map.entry("fahrenheit", "fahrenheit"), Map.entry("kelvin", "kelvin"),
            Map.entry("%", "percent"), Map.entry("percent", "percent"), Map.entry("$", "dollar"),
            Map.entry("dollar", "dollar"), Map.entry("usd", "dollar"), Map.entry("€", "euro"),
            Map.entry("euro", "euro"), Map.entry("eur", "euro"), Map.entry("£", "pound-sterling"),
            Map.entry("gbp", "pound-sterling"), Map.entry("¥", "yen"), Map.entry("₹", "rupee"), Map.entry("yen", "yen"),
            Map.entry("rupee", "rupee"), Map.entry("rs", "rupee"), Map.entry("inr", "rupee"),
            Map.entry("second", "second"), Map.entry("minute", "minute"), Map.entry("hour", "hour"),
            Map.entry("day", "day"), Map.entry("week", "week"), Map.entry("month", "month"),
            Map.entry("year", "year"), Map.entry("kb", "kb"), Map.entry("mb", "mb"), Map.entry("gb", "gb"),
            Map.entry("tb", "tb"), Map.entry("mph", "mph"), Map.entry("kmh", "kmh"), Map.entry("watt", "watt"),
            Map.entry("kw", "kw"), Map.entry("volt", "volt"), Map.entry("ghz", "ghz"), Map.entry("mhz", "mhz"));

    /** Reads the terms of one prompt. */
    public static PromptTerms of(String text) {
        List<String> words = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        Set<String> content = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> dates = new HashSet<>();
        Set<String> units = new HashSet<>();
        Set<String> questionWords = new HashSet<>();
        int negations = 0;
        boolean sentenceStart = true;
        int lastEnd = 0;
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            if (endsSentence(text, lastEnd, matcher.start())) {
                sentenceStart = true;
            }
            lastEnd = matcher.end();
            String raw = matcher.group();
            String word = raw.toLowerCase(Locale.ROOT).replace('’', '\'');
            String bare = word.replace("'", "");
            words.add(word);
            if (word.endsWith("n't") || NEGATIONS.contains(bare)) {
                negations++;
            }
            if (QUESTION_WORDS.contains(word)) {
                questionWords.add(word);
            }
            String stem = stem(bare);
            stems.add(stem);
            if (DIGITS.matcher(word).find()) {
                String number = word.replace(",", "");
                numbers.add(number);
                if (YEAR.matcher(number).matches()) {
                    dates.add(number);
                }
            } else if (NUMBER_WORDS.containsKey(word)) {
                numbers.add(NUMBER_WORDS.get(word));
            }
            if (DATE_WORDS.contains(word)) {
                dates.add(word);
            }
            String unit = UNITS.getOrDefault(word, UNITS.get(stem));
            if (unit != null) {
                units.add(unit);
            }
            if (!sentenceStart && Character.isUpperCase(raw.codePointAt(0)) && !word.equals("i")) {
                names.add(word);
            }
            if (!STOP_WORDS.contains(word) && !STOP_WORDS.contains(bare)) {
                content.add(stem);
            }
            sentenceStart = false;
        }
        return new PromptTerms(List.copyOf(words), Set.copyOf(content), Set.copyOf(numbers), Set.copyOf(names),
                Set.copyOf(dates), Set.copyOf(units), negations, Set.copyOf(questionWords), questionType(words),
                containsAny(words, FIRST_PERSON), containsAny(words, SECOND_PERSON), List.copyOf(stems),
                (int) text.chars().filter(c -> c == '?').count());
    }

    /** A wh-word near the start decides the kind of question; else a leading auxiliary makes it yes-or-no. */
    private static String questionType(List<String> words) {
        for (int i = 0; i < Math.min(4, words.size()); i++) {
            if (QUESTION_WORDS.contains(words.get(i))) {
                return canonicalQuestionWord(words.get(i));
            }
        }
        if (!words.isEmpty() && AUXILIARIES.contains(words.get(0))) {
            return "yesno";
        }
        for (String word : words) {
            if (QUESTION_WORDS.contains(word)) {
                return canonicalQuestionWord(word);
            }
        }
        return "other";
    }

    private static String canonicalQuestionWord(String word) {
        return word.equals("whom") || word.equals("whose") ? "who" : word;
    }

    private static boolean containsAny(List<String> words, Set<String> wanted) {
        for (String word : words) {
            if (wanted.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsSentence(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '?' || c == '!' || c == '\n' || c == ':' || c == '"') {
                return true;
            }
        }
        return false;
    }

    /** Folds the commonest English inflections together, so "wallets" matches "wallet". */
    static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 5 && word.endsWith("ing")) {
            return word.substring(0, word.length() - 3);
        }
        if (word.length() > 4 && word.endsWith("ed")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
