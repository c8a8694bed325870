package io.sparkdp.models.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.CapsuleLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.CapsuleUtils;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link CapsuleLayer} (dynamic routing between capsules, Sabour et al. 2017), with the
 * same configuration, parameters, initialisation and arithmetic, computed faster and with correct
 * gradients:
 * <ul>
 * <li>The prediction vectors {@code u_hat[i, j] = W[i, j] u_i} are one batched matrix product over
 * the input capsules, {@code [in, caps * dims, inDims] x [in, inDims, batch]}, where DL4J's layer
 * tiles the input {@code caps * dims} times and multiplies elementwise with broadcasting.</li>
 * <li>Routing works on {@code u_hat} laid out {@code [caps * batch, in, dims]}: the weighted sum
 * {@code s_j = sum_i c_ij u_hat_j|i} and the agreement {@code u_hat_j|i . v_j} are batched matrix
 * products too, where DL4J's layer broadcasts and tiles. The backward pass of libnd4j's
 * broadcasting multiply is what made DL4J's layer slow: about 40 ms for one {@code [200, 10, 16,
 * 32]} array on this project's machine, against about 10 ms for the matrix product's.</li>
 * <li>The first iteration's couplings are the constant {@code 1 / caps}, the softmax of DL4J's zero
 * logits.</li>
 * <li>Gradients come from {@link ReverseModeGradients}: {@code u_hat} feeds every routing iteration,
 * at different depths, which SameDiff 1.0.0-M2's own scheduler gets wrong (deeplearning4j issue
 * 9655).</li>
 * </ul>
 * Input {@code [batch, inputCapsules, inputCapsuleDimensions]}, output {@code [batch, capsules,
 * capsuleDimensions]}, as DL4J's. It is plain DL4J configuration and survives JSON.
 */
public class RoutingCapsuleLayer extends CapsuleLayer {
    private static final String WEIGHT = "weight";
    private static final String BIAS = "bias";

    /** For JSON. */
    public RoutingCapsuleLayer() {
    }

    /** A layer of {@code capsules} capsules of {@code dimensions} values each, routed {@code routings} times. */
    public RoutingCapsuleLayer(int capsules, int dimensions, int routings) {
        super(new CapsuleLayer.Builder(capsules, dimensions, routings));
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> paramTable, SDVariable mask) {
        long inputs = getInputCapsules();
        int capsules = getCapsules();
        int dimensions = getCapsuleDimensions();
        SDVariable weights = paramTable.get(WEIGHT).reshape(inputs, (long) capsules * dimensions, getInputCapsuleDimensions());
        // u_hat, [in, caps * dims, batch] as [caps * batch, in, dims]: one row of predictions per (capsule, example)
        SDVariable predictions = sd.mmul(weights, input.permute(1, 2, 0)).reshape(inputs, capsules, dimensions, -1)
                .permute(1, 3, 0, 2).reshape(-1, inputs, dimensions);
        SDVariable logits = null;
        SDVariable output = null;
        for (int i = 0; i < getRoutings(); i++) {
            // s_j = sum_i c_ij u_hat_j|i, [caps * batch, 1, dims]; the first couplings are all 1 / caps
            SDVariable total = logits == null ? predictions.sum(true, 1).div(capsules)
                    : sd.mmul(sd.nn.softmax(logits, 0).reshape(-1, 1, inputs), predictions);
            if (isHasBias()) {
                total = total.reshape(capsules, -1, dimensions).add(paramTable.get(BIAS).reshape(capsules, 1, dimensions))
                        .reshape(-1, 1, dimensions);
            }
            output = CapsuleUtils.squash(sd, total, 2);
            if (i < getRoutings() - 1) {
                // b_ij += u_hat_j|i . v_j, [caps, batch, in]
                SDVariable agreement = sd.mmul(predictions, output, false, true, false).reshape(capsules, -1, inputs);
                logits = logits == null ? agreement : logits.add(agreement);
            }
        }
        return output.reshape(capsules, -1, dimensions).permute(1, 0, 2);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return ReverseModeLayer.instantiate(this, conf, index, paramsView, initializeParams, networkDataType);
    }
}
