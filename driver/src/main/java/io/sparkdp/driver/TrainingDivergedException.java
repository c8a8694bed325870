package io.sparkdp.driver;

/** Training produced a non-finite loss or gradient; nothing from that round was kept or saved. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(int epoch, int round, String reason) {
        super("training diverged in epoch " + (epoch + 1) + ", round " + (round + 1) + ": " + reason
                + "; nothing from that round was saved (try a lower --lr)");
    }
}
