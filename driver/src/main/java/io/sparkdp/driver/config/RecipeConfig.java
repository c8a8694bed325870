package io.sparkdp.driver.config;

import io.sparkdp.models.GradientClipping;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ScheduleConfig;
import java.util.Map;

/**
 * How the network is built and trained beyond its name and optimizer: model arguments, loss,
 * initialisation, penalties, gradient clipping and the learning-rate decay. Immutable and
 * validated; defaults are in {@link #defaults()} and build every model as {@code sparkdp models}
 * describes it, trained without clipping at a constant rate.
 *
 * @param modelArgs     {@code --model-arg} values by key, checked against the model by {@link TrainConfig}
 * @param loss          {@code auto} (the model's own) or one of mse, mae, binary-crossentropy,
 *                      categorical-crossentropy, hinge
 * @param weightInit    {@code auto} (each layer's own), xavier, he or normal
 * @param l1            L1 penalty on the weights, 0 for none
 * @param l2            L2 penalty on the weights, 0 for none
 * @param clipNorm      largest global L2 norm of the mean gradient of a step, 0 for no clipping
 * @param clipValue     largest absolute component of the mean gradient of a step, 0 for no clipping
 * @param lrSchedule    learning-rate decay after any warmup: none, step, exponential or cosine
 * @param lrDecay       factor of step and exponential decay per {@code lrDecayEpochs}, in (0, 1]
 * @param lrDecayEpochs epochs per decay period of step and exponential decay, positive
 */
public record RecipeConfig(Map<String, String> modelArgs, String loss, String weightInit, double l1, double l2,
                           double clipNorm, double clipValue, String lrSchedule, double lrDecay, double lrDecayEpochs) {

    public RecipeConfig {
        ModelOptions normalized = new ModelOptions(modelArgs, loss, weightInit, l1, l2);
        modelArgs = normalized.args();
        loss = normalized.loss();
        weightInit = normalized.weightInit();
        new GradientClipping(clipNorm, clipValue);
        lrSchedule = new ScheduleConfig(lrSchedule, lrDecay, 1, 1).kind();
        TrainConfig.require(lrDecayEpochs > 0 && Double.isFinite(lrDecayEpochs),
                "--lr-decay-epochs must be positive, got " + lrDecayEpochs);
    }

    /** The model as described, no penalty, no clipping, a constant rate after any warmup. */
    public static RecipeConfig defaults() {
        return new RecipeConfig(Map.of(), "auto", "auto", 0, 0, 0, 0, "none", 0.5, 1);
    }

    /** What the model zoo builds from. */
    public ModelOptions modelOptions() {
        return new ModelOptions(modelArgs, loss, weightInit, l1, l2);
    }

    /** The clipping of every step's mean gradient. */
    public GradientClipping clipping() {
        return new GradientClipping(clipNorm, clipValue);
    }

    /** The decay in optimizer steps, for a run of {@code epochs} epochs of {@code stepsPerEpoch} steps. */
    public ScheduleConfig schedule(int stepsPerEpoch, int epochs) {
        int period = (int) Math.max(1, Math.round(lrDecayEpochs * stepsPerEpoch));
        return new ScheduleConfig(lrSchedule, lrDecay, period, Math.max(1, stepsPerEpoch * epochs));
    }

    /** Whether the learning rate depends on the length of the run, so a resumed run may not change {@code --epochs}. */
    public boolean decaysOverTheRun() {
        return "cosine".equals(lrSchedule);
    }

    /** This recipe with other model arguments. */
    public RecipeConfig withModelArgs(Map<String, String> args) {
        return new RecipeConfig(args, loss, weightInit, l1, l2, clipNorm, clipValue, lrSchedule, lrDecay, lrDecayEpochs);
    }
}
