package io.sparkdp.models;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Classical (heavy-ball, Polyak) momentum, as PyTorch's {@code SGD(momentum=m)} computes it:
 * {@code v = m * v + g}, then the parameters move by {@code lr * v}. ND4J 1.0.0-M2 offers only
 * Nesterov momentum ({@code Nesterovs}), which sparkdp names {@code nesterov}. The state is one
 * velocity per parameter, which local SGD averages like any optimizer state.
 */
public final class Momentum implements IUpdater {
    private static final long serialVersionUID = 1L;

    @JsonProperty("learningRate")
    private double learningRate;
    @JsonProperty("learningRateSchedule")
    private ISchedule learningRateSchedule;
    @JsonProperty("momentum")
    private final double momentum;

    public Momentum(@JsonProperty("learningRate") double learningRate,
                    @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                    @JsonProperty("momentum") double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
        this.momentum = momentum;
    }

    /** Momentum {@code momentum} with the learning rate {@code schedule}. */
    public Momentum(ISchedule schedule, double momentum) {
        this(Double.NaN, schedule, momentum);
    }

    public double momentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater updater = new Updater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater updater = new Updater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public Momentum clone() {
        return new Momentum(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(), momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Momentum that && Double.compare(learningRate, that.learningRate) == 0
                && Objects.equals(learningRateSchedule, that.learningRateSchedule)
                && Double.compare(momentum, that.momentum) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, momentum);
    }

    @Override
    public String toString() {
        return "Momentum(learningRate=" + learningRate + ", schedule=" + learningRateSchedule + ", momentum=" + momentum + ")";
    }

    /** The velocity of one block of parameters. */
    private static final class Updater implements GradientUpdater<Momentum> {
        private static final String VELOCITY = "V";
        private final Momentum config;
        private INDArray velocity;

        Updater(Momentum config) {
            this.config = config;
        }

        @Override
        public Momentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            if (state.size() != 1 || !state.containsKey(VELOCITY)) {
                throw new IllegalStateException("momentum state must hold only " + VELOCITY + ", got " + state.keySet());
            }
            velocity = state.get(VELOCITY);
            if (initialize) {
                velocity.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Collections.singletonMap(VELOCITY, velocity);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            velocity = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
            if (velocity == null) {
                throw new IllegalStateException("cannot view the momentum state in the gradient's shape");
            }
        }

        /** Turns {@code gradient} into the step DL4J subtracts from the parameters. */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            velocity.muli(config.momentum).addi(gradient);
            gradient.assign(velocity).muli(config.getLearningRate(iteration, epoch));
        }
    }
}
