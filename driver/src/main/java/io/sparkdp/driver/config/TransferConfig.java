package io.sparkdp.driver.config;

/**
 * Transfer learning: start from a trained model instead of a fresh one. The init model brings
 * its architecture and parameters; the run brings the optimizer (a fresh one, with fresh state and
 * counters, as {@code --optimizer}, {@code --lr} and the schedule say), the data and the seed.
 * Off by default.
 *
 * @param initFrom    a model zip, or a checkpoint directory (its newest good checkpoint) or one
 *                    checkpoint in it, on any Hadoop URI; {@value #NONE} to build a fresh network
 * @param freezeUpTo  the layer, by index or name, up to and including which the init model's layers
 *                    stay fixed (for a graph: that layer and every layer it reads from); {@value #NONE}
 *                    to train every layer
 * @param replaceHead width of a freshly initialised output layer, seeded from the run's seed, that
 *                    replaces the init model's; it must equal the data's class count. 0 keeps the
 *                    trained head, whose width must then equal it
 */
public record TransferConfig(String initFrom, String freezeUpTo, int replaceHead) {
    /** No init model, no frozen layer. */
    public static final String NONE = "none";

    public TransferConfig {
        TrainConfig.require(initFrom != null && !initFrom.isBlank(), "--init-from must name a model or be " + NONE);
        TrainConfig.require(freezeUpTo != null && !freezeUpTo.isBlank(), "--freeze-up-to must name a layer or be " + NONE);
        TrainConfig.require(replaceHead >= 0, "--replace-head must be a class count (or 0 to keep the head), got " + replaceHead);
        boolean init = !NONE.equals(initFrom);
        TrainConfig.require(init || NONE.equals(freezeUpTo), "--freeze-up-to freezes layers of a trained model; name it with --init-from");
        TrainConfig.require(init || replaceHead == 0, "--replace-head replaces the head of a trained model; name it with --init-from");
    }

    /** A fresh network: no init model. */
    public static TransferConfig defaults() {
        return new TransferConfig(NONE, NONE, 0);
    }

    /** Starting from the model at {@code uri}, every layer trained, its head kept. */
    public static TransferConfig from(String uri) {
        return new TransferConfig(uri, NONE, 0);
    }

    /** This configuration, freezing the layers up to and including {@code layer}. */
    public TransferConfig freezingUpTo(String layer) {
        return new TransferConfig(initFrom, layer, replaceHead);
    }

    /** This configuration, with a fresh head of {@code classes} outputs. */
    public TransferConfig replacingHead(int classes) {
        return new TransferConfig(initFrom, freezeUpTo, classes);
    }

    /** Whether the run starts from a trained model. */
    public boolean enabled() {
        return !NONE.equals(initFrom);
    }

    /** Whether layers are frozen. */
    public boolean freezes() {
        return !NONE.equals(freezeUpTo);
    }
}
