package io.sparkdp.driver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sparkdp.data.DataSchema;
import io.sparkdp.data.Normalization;
import io.sparkdp.data.Normalizer;
import io.sparkdp.driver.config.ConfigJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata saved in a model zip round-trips through JSON, sequences and their per-feature normalizer included. */
class ModelMetadataTest {
    @Test
    void aSequenceModelsSchemaAndPerFeatureNormalizerRoundTrip() {
        DataSchema schema = DataSchema.sequences(3, 40, List.of("down", "up"), true);
        Normalizer normalizer = new Normalizer(Normalization.STANDARDIZE, new float[] {1, 2, 3}, new float[] {0.5f, 1, 2});
        ModelMetadata metadata = ModelMetadata.of(schema, normalizer);

        ModelMetadata read = ConfigJson.read(ConfigJson.write(metadata), ModelMetadata.class);

        assertEquals(metadata, read);
        assertEquals(40, read.input().width());
        assertEquals(3, read.input().normalizedSize());
    }

    @Test
    void aSeq2SeqModelsLongestTargetRoundTripsAndAnOlderSchemaHasNone() {
        DataSchema schema = DataSchema.targetSequences(10, 8, DataSchema.indexNames(10), 7);
        ModelMetadata read = ConfigJson.read(ConfigJson.write(ModelMetadata.of(schema, Normalizer.none())), ModelMetadata.class);
        assertEquals(schema, read.input());
        assertEquals(7, read.input().targetSteps());
        assertEquals(8, read.input().labelSteps(), "the longest target and its end");
        assertEquals(DataSchema.END_OF_SEQUENCE, read.input().classNames().get(10));

        String older = "{\"input\":{\"channels\":10,\"height\":1,\"width\":7,\"image\":false,\"classNames\":[\"0\",\"1\"],"
                + "\"targetNames\":[],\"sequence\":true,\"stepLabels\":true},\"normalization\":\"none\"}";
        DataSchema input = ConfigJson.read(older, ModelMetadata.class).input();
        assertFalse(input.targetSequences(), "a seq2seq model saved before target sequences had targets as long as its sources");
        assertEquals(7, input.labelSteps());
    }

    @Test
    void metadataWrittenBeforeSequencesExistedReadsAsFlatExamples() {
        String old = "{\"input\":{\"channels\":1,\"height\":28,\"width\":28,\"image\":true,\"classNames\":[\"a\",\"b\"],"
                + "\"targetNames\":[]},\"normalization\":\"none\"}";
        DataSchema input = ConfigJson.read(old, ModelMetadata.class).input();
        assertFalse(input.sequence());
        assertFalse(input.stepLabels());
        assertEquals(784, input.normalizedSize());
    }
}
