package io.sparkdp.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class ModelArgsTest {
    private static final Architecture MLP = ModelZoo.get("mlp");

    private static String failure(Architecture model, Map<String, String> given) {
        return assertThrows(IllegalArgumentException.class, () -> ModelArgs.resolve(model, given)).getMessage();
    }

    @Test
    void aCommaFollowedByAKeyStartsTheNextArgument() {
        assertEquals(Map.of("hidden", "512,256", "dropout", "0.3"), ModelArgs.parse(List.of("hidden=512,256,dropout=0.3")));
        assertEquals(Map.of("hidden", "64", "activation", "elu"), ModelArgs.parse(List.of("hidden=64", "Activation = elu")));
    }

    @Test
    void textThatIsNotKeyEqualsValueOrAKeyGivenTwiceIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelArgs.parse(List.of("512,256")))
                .getMessage().contains("key=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelArgs.parse(List.of("=3")))
                .getMessage().contains("key=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelArgs.parse(List.of("hidden=1", "hidden=2")))
                .getMessage().contains("twice"));
    }

    @Test
    void defaultsFillWhatIsNotGiven() {
        ModelArgs args = ModelArgs.resolve(MLP, Map.of("hidden", "64, 32,16"));

        assertArrayEquals(new int[]{64, 32, 16}, args.sizes("hidden"));
        assertEquals(Activation.RELU, args.activation("activation"));
        assertEquals(0.0, args.fraction("dropout"));
    }

    @Test
    void anUnknownKeyNamesTheModelsArguments() {
        String message = failure(MLP, Map.of("width", "3"));

        assertEquals("model mlp has no argument 'width'; its arguments are hidden, activation, dropout (see 'sparkdp models')",
                message);
        assertTrue(failure(ModelZoo.get("softmax"), Map.of("hidden", "3")).contains("takes no --model-arg"));
    }

    @Test
    void aValueOfTheWrongKindSaysWhatIsAllowed() {
        assertEquals("model mlp: --model-arg hidden must be comma-separated positive integers such as 512,256, got '512,-1'",
                failure(MLP, Map.of("hidden", "512,-1")));
        assertTrue(failure(MLP, Map.of("dropout", "1")).contains("a number in [0, 1)"));
        assertTrue(failure(MLP, Map.of("dropout", "lots")).contains("a number in [0, 1)"));
        assertTrue(failure(MLP, Map.of("activation", "swishy")).contains("choose one of relu, leakyrelu, elu, gelu"));
        assertTrue(failure(ModelZoo.get("cnn"), Map.of("kernel", "3,3")).contains("a positive integer"));
        assertTrue(failure(ModelZoo.get("lenet"), Map.of("pooling", "min")).contains("max or avg"));
    }

    @Test
    void theStepActivationIsRefusedWithTheReasonAndTheAlternative() {
        String message = failure(MLP, Map.of("activation", "step"));

        assertTrue(message.contains("no gradient") && message.contains("--model perceptron"), message);
    }

    @Test
    void everyDeclaredDefaultIsValidAndEveryArgumentIsDescribed() {
        for (Architecture model : ModelZoo.all()) {
            ModelArgs.resolve(model, Map.of());
            for (ModelArg arg : model.arguments()) {
                assertFalse(arg.description().isBlank(), model.name() + " " + arg.name());
            }
        }
    }
}
