package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.data.DataSchema;
import io.sparkdp.driver.config.ConfigJson;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class ScoreRowsTest {
    @Test
    void topKIsMostProbableFirstAndTiesKeepClassOrder() {
        InternalRow row = indexed(3).scored("x", new double[]{9, 9, 0.1, 0.3, 0.3, 0.05, 0.25}, 2);
        assertEquals("x", row.getUTF8String(0).toString());
        assertEquals("1", row.getUTF8String(1).toString(), "a tie goes to the lower class, as argmax does");
        assertEquals(0.3, row.getDouble(2));
        assertArrayEquals(new String[]{"1", "2", "4"}, strings(row.getArray(3)));
        assertArrayEquals(new double[]{0.3, 0.3, 0.25}, row.getArray(4).toDoubleArray());
        assertTrue(row.isNullAt(5));
        assertEquals(2, new ScoreRows.Classes(DataSchema.indexNames(2), 5).scored("y", new double[]{0.4, 0.6}, 0)
                .getArray(3).numElements(), "k capped at the classes");
        assertEquals("b", new ScoreRows.Classes(List.of("a", "b"), 1).scored("z", new double[]{0.4, 0.6}, 0)
                .getUTF8String(1).toString(), "classes named as training saved them");
    }

    @Test
    void aFailedRowHasOnlyItsIdAndError() {
        InternalRow row = indexed(5).failed("f.png", "corrupt image");
        assertEquals(6, row.numFields());
        assertEquals("f.png", row.getUTF8String(0).toString());
        for (int column = 1; column < 5; column++) {
            assertTrue(row.isNullAt(column), "column " + column);
        }
        assertEquals("corrupt image", row.getUTF8String(5).toString());
    }

    private static ScoreRows.Classes indexed(int topK) {
        return new ScoreRows.Classes(DataSchema.indexNames(5), topK);
    }

    private static String[] strings(ArrayData array) {
        return Arrays.stream(array.toObjectArray(DataTypes.StringType)).map(Object::toString).toArray(String[]::new);
    }

    @Test
    void csvHoldsTheTopKAsStrings() {
        assertEquals(DataTypes.StringType, ScoreRows.schemaFor(ScoreConfig.OutputFormat.CSV).apply("top_classes").dataType());
        assertEquals(ScoreRows.SCHEMA, ScoreRows.schemaFor(ScoreConfig.OutputFormat.PARQUET));
    }

    @Test
    void configValidatesAndRoundTripsThroughJson() {
        ScoreConfig defaults = ScoreConfig.defaults();
        assertEquals(ScoreConfig.OutputFormat.PARQUET, defaults.outputFormat());
        assertEquals(5, defaults.topK());
        assertEquals(defaults, ConfigJson.read(ConfigJson.write(defaults), ScoreConfig.class));
        assertTrue(ConfigJson.write(defaults).contains("\"outputFormat\":\"parquet\""), ConfigJson.write(defaults));
        IllegalArgumentException topK = assertThrows(IllegalArgumentException.class, () -> new ScoreConfig("m", "images:/x", "o",
                ScoreConfig.OutputFormat.CSV, 0, 1, false));
        assertEquals("--top-k must be at least 1, got 0", topK.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScoreConfig("m", "images:", "o", ScoreConfig.OutputFormat.CSV, 1, 1, false));
        assertEquals("/x", new ScoreConfig("m", "images:/x", "o", ScoreConfig.OutputFormat.CSV, 1, 1, false).inputPath());
    }

    @Test
    void regressionRowsHoldATargetColumnPerTargetNamedAsTrainingNamedIt() {
        ScoreRows.Targets targets = new ScoreRows.Targets(java.util.List.of("price", "id", "error", "id"));
        assertEquals("struct<id:string,price:double,id_prediction:double,error_prediction:double,"
                + "id_prediction_prediction:double,error:string>", targets.schema().simpleString());
        InternalRow row = targets.scored("r:2", new double[]{9, 9, 9, 9, 1.5, 2.5, 3.5, 4.5}, 4);
        assertEquals("r:2", row.getUTF8String(0).toString());
        assertEquals(List.of(1.5, 2.5, 3.5, 4.5), List.of(row.getDouble(1), row.getDouble(2), row.getDouble(3), row.getDouble(4)));
        assertTrue(row.isNullAt(5));
        InternalRow failed = targets.failed("r:3", "3 fields, but the rows have 10");
        assertEquals(6, failed.numFields());
        assertTrue(failed.isNullAt(1) && failed.isNullAt(4));
        assertEquals("3 fields, but the rows have 10", failed.getUTF8String(5).toString());
        assertEquals(java.util.Map.of("parquet.enable.dictionary#id", "false", "parquet.enable.dictionary#price", "false",
                "parquet.enable.dictionary#id_prediction", "false", "parquet.enable.dictionary#error_prediction", "false",
                "parquet.enable.dictionary#id_prediction_prediction", "false"),
                ScoreRows.writeOptions(ScoreConfig.OutputFormat.PARQUET, targets));
    }

    @Test
    void tabularOptionsDefaultToUnlabeledRowsAndRoundTrip() {
        ScoreConfig.TabularOptions defaults = ScoreConfig.TabularOptions.defaults();
        assertEquals(java.util.List.of(), defaults.skippedColumns());
        assertEquals(java.util.List.of("y", "3"), new ScoreConfig.TabularOptions(" y, 3", "features", true, ",").skippedColumns());
        assertEquals("\t", new ScoreConfig.TabularOptions("none", "features", true, "tab").dataConfig().delimiter());
        ScoreConfig csv = new ScoreConfig("m", "csv:/x", "o", ScoreConfig.OutputFormat.CSV, 1, 1, false,
                new ScoreConfig.TabularOptions("label", "vec", true, ";"));
        assertTrue(csv.tabularInput());
        assertEquals(csv, ConfigJson.read(ConfigJson.write(csv), ScoreConfig.class));
        ScoreConfig old = ConfigJson.read("{\"model\":\"m\",\"input\":\"parquet:/p\",\"output\":\"o\",\"outputFormat\":\"csv\","
                + "\"topK\":1,\"batchSize\":1,\"overwrite\":false}", ScoreConfig.class);
        assertEquals(defaults, old.tabular(), "a configuration written before tabular input existed");
        IllegalArgumentException delimiter = assertThrows(IllegalArgumentException.class,
                () -> new ScoreConfig.TabularOptions("none", "features", false, "ab"));
        assertTrue(delimiter.getMessage().startsWith("--delimiter must be one character"), delimiter.getMessage());
    }

    /**
     * A decoded sequence is each step's most probable token up to the first end (the first on a
     * tie, as the decoder feeds back), its probability the product over those steps and the end; a
     * sequence without an end in the steps decoded is written whole and marked incomplete.
     */
    @Test
    void aDecodedSequenceEndsBeforeItsFirstEndToken() {
        ScoreRows.Decoded rows = new ScoreRows.Decoded(List.of("a", "b", DataSchema.END_OF_SEQUENCE), 3);
        assertEquals(9, rows.width());
        // [token][step] per example: the first example "b a <eos>", the second "a a a" (a tie at step 1), no end
        double[] outputs = {
                0.2, 0.6, 0.1, /* a */ 0.7, 0.3, 0.1, /* b */ 0.1, 0.1, 0.8, /* <eos> */
                0.5, 0.4, 0.9, /* a */ 0.3, 0.4, 0.05, /* b */ 0.2, 0.2, 0.05 /* <eos> */};
        InternalRow ended = rows.scored("x", outputs, 0);
        assertEquals("b a", ended.getUTF8String(1).toString());
        assertEquals(2, ended.getInt(2));
        assertEquals(0.7 * 0.6 * 0.8, ended.getDouble(3), 1e-12);
        assertTrue(ended.getBoolean(4));
        assertTrue(ended.isNullAt(5));
        InternalRow cut = rows.scored("y", outputs, 9);
        assertEquals("a a a", cut.getUTF8String(1).toString());
        assertEquals(3, cut.getInt(2));
        assertEquals(0.5 * 0.4 * 0.9, cut.getDouble(3), 1e-12);
        assertEquals(false, cut.getBoolean(4));
        assertEquals(List.of("id", "prediction", "length", "probability", "complete", "error"),
                Arrays.asList(rows.schema().fieldNames()));
    }
}
