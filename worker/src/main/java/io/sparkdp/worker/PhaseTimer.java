package io.sparkdp.worker;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall-clock time spent per {@link Phase}; the one place sparkdp reads the clock for statistics. */
public final class PhaseTimer {
    private final long[] nanos = new long[Phase.values().length];

    /** Runs {@code work}, adding its duration to {@code phase}. */
    public <T> T time(Phase phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            nanos[phase.ordinal()] += System.nanoTime() - start;
        }
    }

    /** Runs {@code work}, adding its duration to {@code phase}. */
    public void time(Phase phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    /** Adds a duration measured elsewhere (such as on a worker). */
    public void add(Phase phase, long durationNanos) {
        nanos[phase.ordinal()] += durationNanos;
    }

    /** Moves {@code durationNanos} from one phase to another, so a nested measurement is not counted twice. */
    public void move(Phase from, Phase to, long durationNanos) {
        long moved = Math.min(durationNanos, nanos[from.ordinal()]);
        nanos[from.ordinal()] -= moved;
        nanos[to.ordinal()] += moved;
    }

    public long nanos(Phase phase) {
        return nanos[phase.ordinal()];
    }

    public double millis(Phase phase) {
        return nanos[phase.ordinal()] / 1e6;
    }

    public double totalMillis() {
        long total = 0;
        for (long n : nanos) {
            total += n;
        }
        return total / 1e6;
    }

    /** Milliseconds per phase, for reports. */
    public Map<Phase, Double> millisByPhase() {
        Map<Phase, Double> out = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            out.put(phase, millis(phase));
        }
        return out;
    }
}
