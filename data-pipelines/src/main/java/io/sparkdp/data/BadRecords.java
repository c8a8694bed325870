package io.sparkdp.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Records that could not be read and were skipped: how many, and the first few with their
 * reasons, so that a run can say what it left out.
 *
 * @param count    records skipped
 * @param examples up to {@value #MAX_EXAMPLES} of them, each {@code "<where>: <why>"}
 */
public record BadRecords(long count, List<String> examples) implements Serializable {
    /** Examples kept, however many records are bad. */
    public static final int MAX_EXAMPLES = 10;

    public BadRecords {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        examples = List.copyOf(examples.subList(0, Math.min(examples.size(), MAX_EXAMPLES)));
    }

    public static BadRecords none() {
        return new BadRecords(0, List.of());
    }

    /** These and one more, {@code where} failing because of {@code why}. */
    public BadRecords plus(String where, String why) {
        List<String> more = new ArrayList<>(examples);
        more.add(where + ": " + why);
        return new BadRecords(count + 1, more);
    }

    public BadRecords merge(BadRecords other) {
        List<String> both = new ArrayList<>(examples);
        both.addAll(other.examples);
        return new BadRecords(count + other.count, both);
    }

    /**
     * Fails when more than {@code maxFraction} of all records ({@code good} read plus these) are bad.
     *
     * @throws BadDataException naming the count, the limit and the first bad record
     */
    public void check(long good, double maxFraction, String source) {
        long total = good + count;
        if (count > 0 && count > maxFraction * total) {
            throw new BadDataException(count + " of " + total + " records of " + source + " could not be read ("
                    + percent(count, total) + "), more than --max-bad-fraction " + maxFraction + " allows; first: "
                    + examples.get(0));
        }
    }

    /** One line for the end of a run: the count and the examples. */
    public String summary(String source) {
        return count + " unreadable record" + (count == 1 ? "" : "s") + " of " + source + " skipped"
                + (examples.isEmpty() ? "" : ", e.g.: " + String.join("; ", examples));
    }

    private static String percent(long part, long whole) {
        return String.format(java.util.Locale.ROOT, "%.3f%%", 100.0 * part / whole);
    }
}
