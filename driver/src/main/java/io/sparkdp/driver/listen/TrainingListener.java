package io.sparkdp.driver.listen;

/** Receives training statistics as they happen. Called on the driver's training thread. */
public interface TrainingListener {
    default void onRound(RoundReport report) {
    }

    default void onEpoch(EpochReport report) {
    }

    /** Once, after the last epoch, when training ends without a failure. */
    default void onEnd(TrainingEnd end) {
    }
}
