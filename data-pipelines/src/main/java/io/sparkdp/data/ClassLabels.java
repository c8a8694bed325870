package io.sparkdp.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of labelled records, settled on the driver from every partition's
 * {@link LabelDictionary}: labels that are all whole numbers are class indices (as Spark ML and
 * LibSVM write them; {@code 3} and {@code 3.0} are class 3), anything else names classes, which
 * are sorted. Labels must lie among the known classes where there are any (a model's): by
 * name, or by index where the labels are numbers and the known names are not.
 *
 * @param names  the classes in index order
 * @param remaps per partition, the class index of each local label code
 */
public record ClassLabels(List<String> names, List<int[]> remaps) implements Serializable {
    public ClassLabels {
        names = List.copyOf(names);
        remaps = List.copyOf(remaps);
    }

    /**
     * @param dictionaries each partition's labels, in partition order
     * @param config       {@link DataConfig#numClasses()} and {@link DataConfig#knownClasses()}
     * @throws BadDataException naming the first record of a label outside the classes
     */
    public static ClassLabels resolve(List<LabelDictionary> dictionaries, DataConfig config) {
        Map<String, String> firstSeen = new LinkedHashMap<>();
        for (LabelDictionary d : dictionaries) {
            for (int i = 0; i < d.names().size(); i++) {
                firstSeen.putIfAbsent(d.names().get(i), d.firstSeen().get(i));
            }
        }
        List<String> known = config.knownClasses();
        // Numbers are class indices, also into a model's named classes, unless those names are numbers themselves.
        boolean indices = firstSeen.keySet().stream().allMatch(ClassLabels::numeric)
                && (known.equals(DataSchema.indexNames(known.size())) || known.stream().noneMatch(ClassLabels::numeric));
        List<String> names;
        if (indices) {
            int count = indexCount(firstSeen, config);
            names = known.isEmpty() ? DataSchema.indexNames(count) : known;
        } else if (!known.isEmpty()) {
            names = known;
            firstSeen.forEach((label, where) -> {
                if (!known.contains(label)) {
                    throw new BadDataException(where + ": label '" + label + "' is not one of the classes " + known);
                }
            });
        } else {
            names = List.copyOf(new TreeSet<>(firstSeen.keySet()));
            if (config.numClasses() > 0 && names.size() > config.numClasses()) {
                String extra = names.get(config.numClasses());
                throw new BadDataException(firstSeen.get(extra) + ": label '" + extra + "' makes " + names.size()
                        + " classes, more than --num-classes " + config.numClasses());
            }
        }
        List<int[]> remaps = new ArrayList<>();
        for (LabelDictionary d : dictionaries) {
            remaps.add(d.names().stream().mapToInt(label -> indices ? (int) Double.parseDouble(label.trim())
                    : names.indexOf(label)).toArray());
        }
        return new ClassLabels(names, remaps);
    }

    /** The class count of index labels, checking each label is a whole number in range. */
    private static int indexCount(Map<String, String> firstSeen, DataConfig config) {
        double largest = -1;
        for (Map.Entry<String, String> e : firstSeen.entrySet()) {
            double value = Double.parseDouble(e.getKey().trim());
            if (value != Math.rint(value) || value < 0) {
                throw new BadDataException(e.getValue() + ": label " + e.getKey() + " is not a class index (a whole number"
                        + " from 0); labels must be class indices or class names");
            }
            largest = Math.max(largest, value);
        }
        int count = !config.knownClasses().isEmpty() ? config.knownClasses().size()
                : config.numClasses() > 0 ? config.numClasses() : (int) Math.min(Integer.MAX_VALUE, largest + 1);
        String source = !config.knownClasses().isEmpty() ? "the model's" : config.numClasses() > 0 ? "--num-classes" : "the";
        for (Map.Entry<String, String> e : firstSeen.entrySet()) {
            if (Double.parseDouble(e.getKey().trim()) >= count) {
                throw new BadDataException(e.getValue() + ": label " + e.getKey() + " is outside " + source + " " + count
                        + " classes 0.." + (count - 1));
            }
        }
        if (count > LabelDictionary.MAX_LABELS) {
            throw new BadDataException("label " + (long) largest + " would make " + count + " classes; pass --num-classes");
        }
        return count;
    }

    static boolean numeric(String label) {
        try {
            return Double.isFinite(Double.parseDouble(label.trim())) && !label.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
