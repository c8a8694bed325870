package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.BadDataException;
import io.sparkdp.data.DataSchema;
import io.sparkdp.data.Normalizer;
import io.sparkdp.driver.model.ModelMetadata;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.models.SequenceLabels;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What scoring reads off a saved model, and the models it refuses in one line because they predict no class or value. */
class ModelInputTest {
    private static ModelStore.StoredModel zoo(String name) {
        return new ModelStore.StoredModel(ModelZoo.create(name, ModelRequest.of(new InputShape(1, 28, 28), 10, 3L,
                OptimizerConfig.defaults())), Optional.empty());
    }

    @Test
    void aGraphWithoutMetadataIsReadOffItsConfiguration() {
        ModelInput input = ModelInput.of(zoo("resnet"));

        assertEquals(784, input.features());
        assertEquals(10, input.classes());
    }

    @Test
    void aSiameseNetworkIsRefusedBecauseItsOutputIsAnEmbedding() {
        BadDataException e = assertThrows(BadDataException.class, () -> ModelInput.of(zoo("siamese")));

        assertEquals("the model is a Siamese network, whose output is an embedding; sparkdp score scores classifiers and"
                + " regression models (sparkdp evaluate reports its pair ROC AUC)", e.getMessage());
    }

    /** An lstm of sequences of 3 values by 6 steps labelled as {@code labels} says, with sparkdp's metadata. */
    private static ModelStore.StoredModel lstm(SequenceLabels labels, DataSchema schema) {
        ModelRequest request = ModelRequest.of(new InputShape(3, 1, 6), 4, 3L, OptimizerConfig.defaults()).forSequences(labels);
        return new ModelStore.StoredModel(ModelZoo.create("lstm", request),
                Optional.of(ModelMetadata.of(schema, Normalizer.none())));
    }

    @Test
    void aSequenceClassifierIsReadAsSequencesOfItsStepsAndLength() {
        ModelInput input = ModelInput.of(lstm(SequenceLabels.PER_SEQUENCE,
                DataSchema.sequences(3, 6, List.of("a", "b", "c", "d"), false)));

        assertTrue(input.sequence());
        assertEquals(3, input.stepFeatures());
        assertEquals(6, input.steps());
        assertEquals(18, input.features());
        assertEquals("sequences of 3 values per time step", input.shape());
        assertEquals(ScoreRows.SCHEMA, input.output(2).schema());
    }

    @Test
    void aTaggerIsReadAsAModelOfARowPerStep() {
        ModelInput input = ModelInput.of(lstm(SequenceLabels.PER_STEP, DataSchema.sequences(3, 6, List.of("a", "b", "c", "d"), true)));

        assertTrue(input.perStep());
        assertEquals(ScoreRows.SCHEMA, input.output(2).schema());
        ModelInput whole = ModelInput.of(lstm(SequenceLabels.PER_SEQUENCE, DataSchema.sequences(3, 6, List.of("a", "b", "c", "d"),
                false)));
        assertFalse(whole.perStep());
    }

    @Test
    void aGanIsRefusedPointingToSample() {
        BadDataException e = assertThrows(BadDataException.class, () -> ModelInput.of(zoo("gan")));

        assertEquals("the model is a GAN; draw images from it with sparkdp sample (sparkdp evaluate measures its"
                + " discriminator)", e.getMessage());
    }
}
