package io.sparkdp.models;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes DOUBLE ND4J's default floating-point type for one test class, as DL4J's
 * {@code GradientCheckUtil} insists, and restores the previous default afterwards so the other
 * test classes in the same JVM keep theirs.
 */
public final class DoublePrecision implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DoublePrecision.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(DataType.class, Nd4j.defaultFloatingPointType());
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DataType previous = context.getStore(NAMESPACE).get(DataType.class, DataType.class);
        Nd4j.setDefaultDataTypes(previous, previous);
    }
}
