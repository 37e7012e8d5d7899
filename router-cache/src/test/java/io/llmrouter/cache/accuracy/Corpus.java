package io.llmrouter.cache.accuracy;

/** The labelled paraphrase collections the semantic tier is measured on. */
public enum Corpus {
    /** STS Benchmark: sentence pairs scored 0 (unrelated) to 5 (same meaning) by people. */
    STSB,
    /** Quora Question Pairs: question pairs marked duplicate or not. */
    QQP
}
