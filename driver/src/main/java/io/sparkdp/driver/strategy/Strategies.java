package io.sparkdp.driver.strategy;

/** The strategies by the names users give {@code --strategy}. */
public final class Strategies {
    private Strategies() {
    }

    public static TrainingStrategy named(String name) {
        return switch (name) {
            case "sync" -> new SyncStrategy();
            case "average" -> new AverageStrategy();
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "'; choose one of sync, average");
        };
    }
}
