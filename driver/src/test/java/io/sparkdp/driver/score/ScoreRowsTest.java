package io.sparkdp.driver.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkdp.driver.config.ConfigJson;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class ScoreRowsTest {
    @Test
    void topKIsMostProbableFirstAndTiesKeepClassOrder() {
        Row row = ScoreRows.scored("x", new double[]{0.1, 0.3, 0.3, 0.05, 0.25}, 3);
        assertEquals("x", row.getString(0));
        assertEquals("1", row.getString(1), "a tie goes to the lower class, as argmax does");
        assertEquals(0.3, row.getDouble(2));
        assertArrayEquals(new String[]{"1", "2", "4"}, (String[]) row.get(3));
        assertArrayEquals(new Double[]{0.3, 0.3, 0.25}, (Double[]) row.get(4));
        assertNull(row.get(5));
        assertEquals(2, ((String[]) ScoreRows.scored("y", new double[]{0.4, 0.6}, 5).get(3)).length, "k capped at the classes");
    }

    @Test
    void aFailedRowHasOnlyItsIdAndError() {
        Row row = ScoreRows.failed("f.png", "corrupt image");
        assertEquals("f.png", row.getString(0));
        for (int column = 1; column < 5; column++) {
            assertTrue(row.isNullAt(column), "column " + column);
        }
        assertEquals("corrupt image", row.getString(5));
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
        Row row = targets.scored("r:2", new double[]{9, 9, 9, 9, 1.5, 2.5, 3.5, 4.5}, 4);
        assertEquals("r:2", row.getString(0));
        assertEquals(java.util.List.of(1.5, 2.5, 3.5, 4.5), java.util.List.of(row.get(1), row.get(2), row.get(3), row.get(4)));
        assertNull(row.get(5));
        Row failed = targets.failed("r:3", "3 fields, but the rows have 10");
        assertEquals(6, failed.size());
        assertTrue(failed.isNullAt(1) && failed.isNullAt(4));
        assertEquals("3 fields, but the rows have 10", failed.getString(5));
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
}
