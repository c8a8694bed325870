package io.sparkdp.models.layers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds a SameDiff graph's gradient function the plain reverse-mode way: every op, from the last
 * created to the first, is differentiated once all its outputs' gradients are complete, which
 * creation order guarantees because an op can only consume variables that existed before it.
 * Each op's own SameDiff derivative is used and contributions to a variable are summed by
 * SameDiff as usual.
 *
 * <p>Why: SameDiff 1.0.0-M2's scheduler in {@code createGradFunction} differentiates the producer
 * of a variable before all of that variable's consumers when they sit at different depths, and
 * the gradient silently becomes zero (deeplearning4j issue 9655). Recurrences hit that on every step.
 *
 * <p>Contract: call on a DL4J SameDiff layer's graph after it is complete, with its external-errors
 * op as the only loss, and before any gradient is asked for; SameDiff then uses this function
 * instead of creating its own.
 */
final class ReverseModeGradients {
    /** The name SameDiff looks its gradient function up by. */
    static final String GRAD_FUNCTION = "grad";

    private ReverseModeGradients() {
    }

    static void define(SameDiff forward) {
        if (forward.hasGradientFunction()) {
            return;
        }
        forward.defineFunction(GRAD_FUNCTION, (graph, inputs, variableInputs) -> {
            graph.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);
            forward.invokeGraphOn(graph);
            forward.putSubFunction(GRAD_FUNCTION, graph);
            List<SameDiffOp> ops = new ArrayList<>(graph.getOps().values());
            for (SameDiffOp op : ops) {
                attach(op.getOp(), graph);
            }
            for (int i = ops.size() - 1; i >= 0; i--) {
                differentiate(graph, ops.get(i));
            }
            return new SDVariable[]{graph.var(GRAD_FUNCTION, DataType.FLOAT, 1)};
        });
    }

    private static void attach(DifferentialFunction function, SameDiff graph) {
        for (SDVariable arg : function.args()) {
            arg.setSameDiff(graph);
        }
        for (SDVariable output : function.outputVariables()) {
            output.setSameDiff(graph);
        }
        function.setSameDiff(graph);
    }

    /** Differentiates one op if the loss depends on any of its outputs; unused outputs get zero gradients. */
    private static void differentiate(SameDiff graph, SameDiffOp op) {
        DifferentialFunction function = op.getOp();
        if (function instanceof ExternalErrorsFunction) {
            // Its derivative is the placeholder through which DL4J feeds the next layer's errors; doDiff
            // registers it as the layer output's gradient, which diff() would then count twice.
            function.doDiff(List.of(graph.var("one-var", Nd4j.scalar(1.0f))));
            return;
        }
        List<SDVariable> gradients = new ArrayList<>();
        boolean onPathToLoss = false;
        for (String name : op.getOutputsOfOp()) {
            SDVariable output = graph.getVariable(name);
            SDVariable gradient = output.dataType().isFPType() ? graph.getGradForVariable(name) : null;
            onPathToLoss |= gradient != null;
            gradients.add(gradient);
        }
        if (!onPathToLoss) {
            return;
        }
        for (int i = 0; i < gradients.size(); i++) {
            SDVariable output = graph.getVariable(op.getOutputsOfOp().get(i));
            if (gradients.get(i) == null && output.dataType().isFPType()) {
                SDVariable zero = graph.zerosLike(output.name() + "-grad", output);
                graph.setGradientForVariableName(output.name(), zero);
                gradients.set(i, zero);
            }
        }
        function.diff(gradients);
    }
}
