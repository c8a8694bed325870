package io.sparkdp.data;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link BadDataException} thrown in a task, recovered from the failure Spark reports on the driver. */
final class RemoteBadData {
    private static final Pattern REMOTE = Pattern.compile(BadDataException.class.getName().replace(".", "\\.") + ": ([^\\n]+)");

    private RemoteBadData() {
    }

    /** The bad-data error behind {@code failure} (a task failure Spark reports), with its own message. */
    static Optional<BadDataException> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadDataException bad) {
                return Optional.of(new BadDataException(bad.getMessage(), failure));
            }
            Matcher m = REMOTE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Optional.of(new BadDataException(m.group(1).trim(), failure));
            }
        }
        return Optional.empty();
    }
}
