package org.proofhub.hub.bench;

/**
 * A measurement {@code bench/run} runs by name. A benchmark measures and states its goals; it does not
 * judge: a missed goal is reported in the results file, it does not fail the run.
 */
public interface Benchmark {

    /** Short name: the word on the {@code bench/run} command line and the results file {@code bench/results/<name>.json}. */
    String name();

    /** One line for {@code bench/run --list}. */
    String description();

    /** Measures; throws when the measurement itself went wrong (a server did not start, changes were lost). */
    BenchResult run(BenchContext context) throws Exception;
}
