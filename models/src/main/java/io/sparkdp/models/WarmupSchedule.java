package io.sparkdp.models;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate that ramps up linearly over the first {@code warmupIterations} steps and then
 * stays at {@code rate}: step i (from 0) uses {@code rate * (i + 1) / warmupIterations}. The same
 * values as ND4J's {@code RampSchedule} over a fixed rate, but this one survives the network
 * configuration's JSON, which is how executors receive it; {@code RampSchedule} cannot be read
 * back from JSON in ND4J 1.0.0-M2.
 */
public final class WarmupSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    @JsonProperty("rate")
    private final double rate;
    @JsonProperty("warmupIterations")
    private final int warmupIterations;

    public WarmupSchedule(@JsonProperty("rate") double rate, @JsonProperty("warmupIterations") int warmupIterations) {
        if (warmupIterations < 1) {
            throw new IllegalArgumentException("warmup must be at least 1 iteration, got " + warmupIterations);
        }
        this.rate = rate;
        this.warmupIterations = warmupIterations;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return iteration >= warmupIterations ? rate : rate * (iteration + 1) / warmupIterations;
    }

    @Override
    public ISchedule clone() {
        return new WarmupSchedule(rate, warmupIterations);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WarmupSchedule that && Double.compare(rate, that.rate) == 0
                && warmupIterations == that.warmupIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rate, warmupIterations);
    }

    @Override
    public String toString() {
        return "WarmupSchedule(rate=" + rate + ", warmupIterations=" + warmupIterations + ")";
    }
}
