package io.sparkdp.models.layers;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Multi-head scaled dot-product attention written with plain SameDiff ops (products, softmax,
 * reshapes), in DL4J's layout and with DL4J's parameters: queries {@code [batch, nIn, nQ]}, keys
 * and values {@code [batch, nIn, T]}, projections {@code Wq}, {@code Wk}, {@code Wv}
 * {@code [heads, headSize, nIn]} and {@code Wo} {@code [heads * headSize, nOut]}; the result is
 * {@code [batch, nOut, nQ]}. Per head {@code h}:
 * {@code softmax(q_h k_h^T / sqrt(headSize) + maskBias) v_h}, the heads side by side, then {@code Wo}.
 * Keys at masked steps (mask 0) get a bias of {@code -1e9}, so their weight is 0 in every row.
 *
 * <p>Why not libnd4j's fused {@code multi_head_dot_product_attention}, which DL4J's attention layers
 * call: in 1.0.0-M2 its backward pass disagrees with finite differences (a test shows it), so
 * sparkdp's attention layers build the same function from ops whose derivatives are right.
 */
final class AttentionGraph {
    private static final double MASKED = -1e9;

    private AttentionGraph() {
    }

    /** The projections and sizes of one attention layer. */
    record Projections(SDVariable wq, SDVariable wk, SDVariable wv, SDVariable wo, long nIn, long heads, long headSize, long nOut) {
    }

    /**
     * Attention of {@code nQ} {@code queries} over the steps of {@code keysAndValues} (keys and values
     * are the same array, as in DL4J's layers), under {@code mask} {@code [batch, T]}.
     */
    static SDVariable multiHead(SameDiff sd, SDVariable queries, long nQ, SDVariable keysAndValues, SDVariable mask,
            Projections p) {
        long steps = keysAndValues.getShape()[2];
        SDVariable q = rows(queries, p.nIn());
        SDVariable kv = rows(keysAndValues, p.nIn());
        SDVariable bias = mask.rsub(1.0).mul(MASKED).reshape(-1, 1, steps);
        SDVariable[] heads = new SDVariable[Math.toIntExact(p.heads())];
        for (int h = 0; h < heads.length; h++) {
            SDVariable qh = head(q, p.wq(), h, nQ, p.headSize()).mul(1.0 / Math.sqrt(p.headSize()));
            SDVariable kh = head(kv, p.wk(), h, steps, p.headSize());
            SDVariable vh = head(kv, p.wv(), h, steps, p.headSize());
            SDVariable weights = sd.nn.softmax(sd.mmul(qh, kh, false, true, false).add(bias), 2);
            heads[h] = sd.mmul(weights, vh);
        }
        SDVariable joined = heads.length == 1 ? heads[0] : sd.concat(2, heads);
        return joined.reshape(-1, p.heads() * p.headSize()).mmul(p.wo()).reshape(-1, nQ, p.nOut()).permute(0, 2, 1);
    }

    /** {@code [batch, nIn, n]} as {@code [batch * n, nIn]}, one row per step. */
    private static SDVariable rows(SDVariable sequence, long nIn) {
        return sequence.permute(0, 2, 1).reshape(-1, nIn);
    }

    /** Head {@code h}'s projection of step rows: {@code [batch, n, headSize]}. */
    private static SDVariable head(SDVariable rows, SDVariable projection, int h, long n, long headSize) {
        SDVariable weights = projection.get(SDIndex.point(h), SDIndex.all(), SDIndex.all());
        return rows.mmul(weights.permute(1, 0)).reshape(-1, n, headSize);
    }
}
