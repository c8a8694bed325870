package io.sparkdp.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers one partition's sequences as they are read: their values step-major, their lengths
 * and their labels, one per sequence or one per step, never both in one partition: class codes,
 * or for regression rows of real-valued targets, all of one width; or, for sequence to sequence,
 * each sequence's target tokens, as many as its target has.
 */
final class SequenceBuilder {
    /** Whether labels are target sequences of their own length. */
    private final boolean targetSequences;
    private final List<float[]> sequences = new ArrayList<>();
    /** Target sequences only: the tokens of each sequence's target. */
    private final List<Integer> targetLengths = new ArrayList<>();
    private String longestTarget = "";
    private int longestTargetSteps;
    private final List<Integer> codes = new ArrayList<>();
    private final List<Float> targets = new ArrayList<>();
    private int targetWidth;
    private String firstTarget = "";
    /** Label lines (classes or target rows) read, of every sequence so far. */
    private int labelLines;
    private final LabelDictionary dictionary = new LabelDictionary();
    private final List<Float> current = new ArrayList<>();
    private int features;
    private String first = "";
    private String longest = "";
    private int longestSteps;
    private int codesBefore;
    /** Seen: a sequence of several steps with one label (false) or a label per step (true); unknown while null. */
    private Boolean stepLabels;
    private String decidedBy = "";

    /** A builder of sequences whose labels are, with {@code targetSequences}, target sequences of their own length. */
    SequenceBuilder(boolean targetSequences) {
        this.targetSequences = targetSequences;
    }

    /** Starts the sequence of {@code file}, whose steps have {@code width} features. */
    void start(String file, int width) {
        if (first.isEmpty()) {
            first = file;
            features = width;
        }
        current.clear();
        codesBefore = labelLines;
    }

    int features() {
        return features;
    }

    /**
     * One time step's fields; {@code labels} are the columns of its class (one) or, with
     * {@code regression}, of its targets in target order; none for a labels file.
     */
    void step(List<String> fields, int[] labels, boolean regression, String where) {
        for (int c = 0; c < fields.size(); c++) {
            final int column = c;
            if (java.util.Arrays.stream(labels).noneMatch(l -> l == column)) {
                current.add(SequenceFile.value(fields.get(c), c, where));
            }
        }
        if (labels.length == 0) {
            return;
        }
        if (regression) {
            target(java.util.Arrays.stream(labels).mapToObj(fields::get).toList(), where);
        } else {
            label(fields.get(labels[0]).trim(), where);
        }
    }

    /** One label, of the sequence or of its next step, or its target's next token. */
    void label(String label, String where) {
        if (targetSequences && DataSchema.END_OF_SEQUENCE.equals(label)) {
            throw new BadDataException(where + ": the token " + DataSchema.END_OF_SEQUENCE + " is reserved: it ends every"
                    + " target sequence and is appended to each in training; leave it out of the labels");
        }
        codes.add(dictionary.code(label, () -> where));
        labelLines++;
    }

    /** One row of real-valued targets, of the sequence or of its next step; finite, as wide as every other. */
    void target(List<String> fields, String where) {
        if (targetWidth == 0) {
            targetWidth = fields.size();
            firstTarget = where;
        } else if (fields.size() != targetWidth) {
            throw new BadDataException(where + ": " + fields.size() + " targets, but " + firstTarget + " has "
                    + targetWidth + "; every sequence has as many targets");
        }
        for (int i = 0; i < fields.size(); i++) {
            targets.add(targetValue(fields.get(i), i, where));
        }
        labelLines++;
    }

    private static float targetValue(String field, int column, String where) {
        float value;
        try {
            value = Float.parseFloat(field.trim());
        } catch (NumberFormatException e) {
            throw new BadDataException(where + ": target " + column + " is '" + field.trim() + "', not a number");
        }
        if (!Float.isFinite(value)) {
            throw new BadDataException(where + ": target " + column + " is " + field.trim() + "; targets must be finite");
        }
        return value;
    }

    /** Ends the sequence of {@code read}; {@code perStep} when its labels came from a label column. */
    void end(SequenceFile read, boolean perStep) {
        String file = read.features();
        int steps = current.size() / features;
        float[] values = new float[current.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = current.get(i);
        }
        sequences.add(values);
        int labels = labelLines - codesBefore;
        if (targetSequences) {
            targetLengths.add(labels);
            if (labels > longestTargetSteps) {
                longestTargetSteps = labels;
                longestTarget = read.labels().isEmpty() ? file : read.labels();
            }
        } else if (steps > 1) {
            boolean kind = perStep || labels > 1;
            if (stepLabels != null && stepLabels != kind) {
                throw new BadDataException(file + " has " + (kind ? "a label per time step" : "one label") + ", but "
                        + decidedBy + " has " + (kind ? "one label" : "a label per time step") + "; a data set has one or the other");
            }
            stepLabels = kind;
            decidedBy = file;
        }
        if (steps > longestSteps) {
            longestSteps = steps;
            longest = file;
        }
    }

    RawSequences build() {
        int[] lengths = new int[sequences.size()];
        float[] values = new float[sequences.stream().mapToInt(s -> s.length).sum()];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            float[] sequence = sequences.get(i);
            lengths[i] = sequence.length / features;
            System.arraycopy(sequence, 0, values, at, sequence.length);
            at += sequence.length;
        }
        float[] rows = new float[targets.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = targets.get(i);
        }
        return new RawSequences(features, values, lengths, codes.stream().mapToInt(Integer::intValue).toArray(),
                new RawSequences.Targets(rows, targetWidth, firstTarget), Boolean.TRUE.equals(stepLabels),
                new RawSequences.TokenSequences(targetLengths.stream().mapToInt(Integer::intValue).toArray(), longestTarget),
                dictionary, first, longest);
    }
}
