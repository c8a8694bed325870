package io.sparkdp.driver.strategy;

import io.sparkdp.driver.config.TrainConfig;

/** The strategies by the names users give {@code --strategy}. */
public final class Strategies {
    private Strategies() {
    }

    /** The strategy {@code config} names, set up as it says. */
    public static TrainingStrategy of(TrainConfig config) {
        return switch (config.strategy()) {
            case "sync" -> new SyncStrategy();
            case "average" -> new AverageStrategy(config.averaging());
            default -> throw new IllegalArgumentException("unknown strategy '" + config.strategy() + "'; choose one of sync, average");
        };
    }
}
