package io.sparkdp.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link BadDataException} thrown in a task, recovered from the failure Spark reports on the driver. */
final class RemoteBadData {
    private static final Pattern REMOTE = Pattern.compile(BadDataException.class.getName().replace(".", "\\.") + ": ([^\\n]+)");

    private RemoteBadData() {
    }

    /** The bad-data error behind {@code failure}, with its own message; {@code failure} itself otherwise. */
    static RuntimeException unwrap(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadDataException bad) {
                return new BadDataException(bad.getMessage(), failure);
            }
            Matcher m = REMOTE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return new BadDataException(m.group(1).trim(), failure);
            }
        }
        return failure;
    }
}
