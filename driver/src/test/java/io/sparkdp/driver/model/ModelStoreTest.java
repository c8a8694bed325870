package io.sparkdp.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.HdfsExtension;
import io.sparkdp.driver.TestNetworks;
import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelOptions;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.ModelZoo;
import io.sparkdp.models.OptimizerConfig;
import io.sparkdp.models.network.Network;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Save/load round trips of model zips, on local disk and on a real in-process HDFS. */
class ModelStoreTest {
    @RegisterExtension
    static final HdfsExtension hdfs = new HdfsExtension();
    @TempDir
    Path dir;

    private static MultiLayerNetwork trainedNetwork() {
        return TestNetworks.trained(1);
    }

    private static void assertSameModel(MultiLayerNetwork expected, MultiLayerNetwork actual) {
        TestNetworks.assertSameModel(expected, actual);
    }

    @Test
    void roundTripsOnLocalDiskAndLeavesNoTemporaryFiles() throws Exception {
        MultiLayerNetwork network = trainedNetwork();
        ModelStore store = new ModelStore(new Configuration());
        String uri = dir.resolve("models/m.zip").toUri().toString();
        store.checkWritable(uri, false);
        store.save(network, uri);
        assertSameModel(network, store.loadStored(uri).model().asMultiLayer());
        try (var files = Files.list(dir.resolve("models"))) {
            var leftovers = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(".tmp-") || n.contains(".probe-")).toList();
            assertTrue(leftovers.isEmpty(), "temporary files left behind: " + leftovers);
        }
        assertTrue(Files.isRegularFile(dir.resolve("models/m.zip")));
    }

    @Test
    void roundTripsOnHdfs() throws Exception {
        MultiLayerNetwork network = trainedNetwork();
        ModelStore store = new ModelStore(hdfs.conf());
        String uri = hdfs.root() + "/runs/a/model.zip";
        store.checkWritable(uri, false);
        store.save(network, uri);
        assertSameModel(network, store.loadStored(uri).model().asMultiLayer());
        // replacing an existing model is refused unless asked for, then atomic
        var refused = assertThrows(ModelStore.StorageException.class, () -> store.checkWritable(uri, false));
        assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());
        store.checkWritable(uri, true);
        store.save(trainedNetwork(), uri);
        assertSameModel(network, store.loadStored(uri).model().asMultiLayer());
    }

    @Test
    void loadsForInferenceTheSameNetworkWithoutItsOptimizerState() throws Exception {
        MultiLayerNetwork network = trainedNetwork();
        ModelStore store = new ModelStore(new Configuration());
        String uri = dir.resolve("m.zip").toUri().toString();
        store.save(network, uri);
        MultiLayerNetwork loaded = store.loadForInference(uri).model().asMultiLayer();
        assertEquals(network.getLayerWiseConfigurations().toJson(), loaded.getLayerWiseConfigurations().toJson());
        assertEquals(network.params(), loaded.params());
        INDArray input = Nd4j.rand(DataType.FLOAT, 7, network.layerInputSize(0));
        assertEquals(network.output(input, false), loaded.output(input, false));
        assertTrue(network.getUpdater().getStateViewArray() != null, "the saved model has an optimizer state");
        assertTrue(loaded.getUpdater().getStateViewArray() == null
                || loaded.getUpdater().getStateViewArray().sumNumber().doubleValue() == 0, "not read for inference");
        var missing = assertThrows(ModelStore.StorageException.class, () -> store.loadForInference(dir.resolve("none.zip").toString()));
        assertTrue(missing.getMessage().startsWith("model not found"), missing.getMessage());
    }

    @Test
    void loadsGraphsAndGansForInferenceAsTheSameNetworks() throws Exception {
        ModelStore store = new ModelStore(new Configuration());
        INDArray images = Nd4j.rand(DataType.FLOAT, 5, 784);
        Map<String, Map<String, String>> models = Map.of("resnet", Map.of("filters", "4,8", "blocks", "1"),
                "gan", Map.of("filters", "4,8", "latent", "8"));
        for (String model : List.of("resnet", "gan")) {
            Network network = ModelZoo.create(model, new ModelRequest(new InputShape(1, 28, 28), 10, 3L, OptimizerConfig.defaults(),
                    DataType.FLOAT, new ModelOptions(models.get(model), "auto", "auto", 0, 0)));
            network.fit(new DataSet(images, Nd4j.eye(10).getRows(0, 1, 2, 3, 4).castTo(DataType.FLOAT)));
            Path zip = dir.resolve(model + ".zip");
            try (OutputStream out = Files.newOutputStream(zip)) {
                ModelArchives.write(network, out);
            }
            Network full = store.loadStored(zip.toString()).model();
            Network inference = store.loadForInference(zip.toString()).model();

            assertEquals(full.getClass(), inference.getClass(), model);
            assertEquals(full.configuration().toJson(), inference.configuration().toJson(), model);
            assertEquals(full.params(), inference.params(), model);
            assertEquals(full.output(images), inference.output(images), model);
            assertTrue(full.updaterState().orElseThrow().amaxNumber().doubleValue() > 0, model + " saved its optimizer state");
            assertTrue(inference.updaterState().isEmpty()
                    || inference.updaterState().get().amaxNumber().doubleValue() == 0, model + ": not read for inference");
        }
    }

    @Test
    void unwritableLocationsAreReportedBeforeTraining() throws Exception {
        ModelStore store = new ModelStore(new Configuration());
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        var underFile = assertThrows(ModelStore.StorageException.class,
                () -> store.checkWritable(file.resolve("model.zip").toString(), false));
        assertTrue(underFile.getMessage().startsWith("cannot write output location"), underFile.getMessage());
        var directory = assertThrows(ModelStore.StorageException.class, () -> store.checkWritable(dir.toString(), true));
        assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
    }

    @Test
    void missingAndCorruptModelsGiveClearErrors() throws Exception {
        ModelStore store = new ModelStore(new Configuration());
        var missing = assertThrows(ModelStore.StorageException.class, () -> store.loadStored(dir.resolve("none.zip").toString()));
        assertTrue(missing.getMessage().startsWith("model not found"), missing.getMessage());
        Path corrupt = Files.write(dir.resolve("corrupt.zip"), new byte[]{1, 2, 3, 4, 5});
        var unreadable = assertThrows(ModelStore.StorageException.class, () -> store.loadStored(corrupt.toString()));
        assertTrue(unreadable.getMessage().startsWith("cannot read model"), unreadable.getMessage());
    }
}
