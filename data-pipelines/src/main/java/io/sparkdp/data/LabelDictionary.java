package io.sparkdp.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct labels one partition holds, as written, each with a local code in first-seen
 * order and the record where it first appears, so that the driver can settle the classes from
 * every partition's few labels instead of its records, and name the record of a bad one.
 */
public final class LabelDictionary implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Distinct labels one partition may hold: more means the label column is not a class column. */
    public static final int MAX_LABELS = 65_536;

    private final List<String> names = new ArrayList<>();
    private final List<String> firstSeen = new ArrayList<>();
    private transient Map<String, Integer> codes = new HashMap<>();

    /**
     * The local code of {@code label}, read at {@code where}.
     *
     * @param where the record, as an error would name it; only computed for a label's first record
     */
    public int code(String label, java.util.function.Supplier<String> where) {
        if (codes == null) {
            codes = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                codes.put(names.get(i), i);
            }
        }
        Integer code = codes.get(label);
        if (code != null) {
            return code;
        }
        if (names.size() == MAX_LABELS) {
            throw new BadDataException(where.get() + ": more than " + MAX_LABELS + " distinct labels (e.g. '" + label
                    + "'); is the label column the class column?");
        }
        codes.put(label, names.size());
        names.add(label);
        firstSeen.add(where.get());
        return names.size() - 1;
    }

    /** The labels, by local code. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Where each label first appears, by local code. */
    public List<String> firstSeen() {
        return List.copyOf(firstSeen);
    }
}
