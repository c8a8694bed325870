package io.sparkdp.driver.strategy;

import io.sparkdp.driver.config.AveragingConfig;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The driver's outer optimizer for local SGD (SlowMo, Wang et al. 2020): the move from a round's
 * starting parameters to the workers' mean, {@code d = start - mean}, is a pseudo-gradient; the
 * slow momentum buffer becomes {@code u = beta * u + d} and the next parameters
 * {@code start - alpha * u}. This is the form of fairscale's and the paper's code with a constant
 * step size: the buffer holds parameter moves, so a learning-rate schedule inside the workers
 * already scales it. With {@link AveragingConfig#plain()} the next parameters are the mean itself.
 * <p>
 * The buffer is driver state that outlives a round: a checkpoint must carry it ({@link #state()})
 * and a resumed run put it back ({@link #restore}) before its first round. Only a momentum above
 * 0 keeps one; before the first round it is zero.
 */
final class SlowMomentum {
    private final AveragingConfig config;
    private Optional<INDArray> buffer = Optional.empty();

    SlowMomentum(AveragingConfig config) {
        this.config = config;
    }

    /**
     * The parameters the round ends with; advances the buffer. {@code start} and {@code mean} have
     * the same shape and are left unchanged; with plain averaging {@code mean} itself is returned.
     */
    INDArray next(INDArray start, INDArray mean) {
        if (config.plain()) {
            return mean;
        }
        INDArray move = start.sub(mean);
        INDArray step = config.outerMomentum() == 0 ? move
                : buffer.map(u -> u.muli(config.outerMomentum()).addi(move)).orElse(move);
        if (config.outerMomentum() > 0) {
            buffer = Optional.of(step);
        }
        return start.sub(config.outerLearningRate() == 1 ? step : step.mul(config.outerLearningRate()));
    }

    /**
     * The slow momentum buffer, flat: a view, valid until the next round; empty when none is kept
     * or no round has run.
     */
    Optional<INDArray> state() {
        return buffer.map(u -> u.reshape(u.length()));
    }

    /**
     * Puts back a buffer that {@link #state()} gave, for a network of {@code parameters} values.
     *
     * @throws IllegalArgumentException when this configuration keeps no buffer or its length does not fit
     */
    void restore(INDArray saved, long parameters) {
        if (config.outerMomentum() == 0) {
            throw new IllegalArgumentException("a slow momentum buffer was saved, but --outer-momentum is 0");
        }
        if (saved.length() != parameters) {
            throw new IllegalArgumentException("slow momentum buffer of " + saved.length()
                    + " values does not fit a network of " + parameters + " parameters");
        }
        buffer = Optional.of(saved.dup().reshape(1, parameters));
    }
}
