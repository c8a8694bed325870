package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkdp.data.BadDataException;
import io.sparkdp.driver.model.ModelStore;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
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

    @Test
    void aGanIsRefusedPointingToSample() {
        BadDataException e = assertThrows(BadDataException.class, () -> ModelInput.of(zoo("gan")));

        assertEquals("the model is a GAN; draw images from it with sparkdp sample (sparkdp evaluate measures its"
                + " discriminator)", e.getMessage());
    }
}
