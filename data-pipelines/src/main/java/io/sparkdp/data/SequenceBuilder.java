package io.sparkdp.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers one partition's sequences as they are read: their values step-major, their lengths
 * and their label codes, one per sequence or one per step, never both in one partition.
 */
final class SequenceBuilder {
    private final List<float[]> sequences = new ArrayList<>();
    private final List<Integer> codes = new ArrayList<>();
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

    /** Starts the sequence of {@code file}, whose steps have {@code width} features. */
    void start(String file, int width) {
        if (first.isEmpty()) {
            first = file;
            features = width;
        }
        current.clear();
        codesBefore = codes.size();
    }

    int features() {
        return features;
    }

    /** One time step's fields; {@code label} is the column of its class, or -1 for none. */
    void step(List<String> fields, int label, String where) {
        for (int c = 0; c < fields.size(); c++) {
            if (c != label) {
                current.add(SequenceFile.value(fields.get(c), c, where));
            }
        }
        if (label >= 0) {
            label(fields.get(label).trim(), where);
        }
    }

    /** One label, of the sequence or of its next step. */
    void label(String label, String where) {
        codes.add(dictionary.code(label, () -> where));
    }

    /** Ends the sequence of {@code file}; {@code perStep} when its labels came from a label column. */
    void end(String file, boolean perStep) {
        int steps = current.size() / features;
        float[] values = new float[current.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = current.get(i);
        }
        sequences.add(values);
        int labels = codes.size() - codesBefore;
        if (steps > 1) {
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
        return new RawSequences(features, values, lengths, codes.stream().mapToInt(Integer::intValue).toArray(),
                Boolean.TRUE.equals(stepLabels), dictionary, first, longest);
    }
}
