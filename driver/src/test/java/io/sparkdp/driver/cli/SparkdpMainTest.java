package io.sparkdp.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the command line: each gets one clear line on stderr and a non-zero exit code,
 * never a stack trace. Runs the real entry point in this JVM.
 */
class SparkdpMainTest {
    @TempDir
    Path dir;

    /** Exit code and stderr lines of one invocation. */
    private record Outcome(int code, List<String> errLines, String out) {
        String errorLine() {
            return errLines.stream().filter(l -> l.contains("error:")).findFirst().orElse("<no error line>");
        }
    }

    private static Outcome run(String... args) {
        CliRun.Outcome outcome = CliRun.run(args);
        return new Outcome(outcome.code(), Arrays.stream(outcome.err().split("\n"))
                .filter(l -> !l.isBlank()).collect(Collectors.toList()), outcome.out());
    }

    private static void assertOneLineFailure(Outcome outcome, int code, String expected) {
        assertEquals(code, outcome.code(), "exit code; stderr: " + outcome.errLines());
        assertTrue(outcome.errorLine().contains(expected), "expected '" + expected + "' in: " + outcome.errLines());
        assertFalse(outcome.errLines().stream().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")),
                "no stack trace: " + outcome.errLines());
    }

    private String[] train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--master", "local[1]", "--model", "mlp",
                "--output", dir.resolve("m.zip").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void missingDataPath() {
        assertOneLineFailure(run(train("--data", "idx:" + dir.resolve("nowhere"))), 1, "data path does not exist");
    }

    @Test
    void unknownDataFormat() {
        assertOneLineFailure(run(train("--data", "tfrecord:/x")), 1, "unsupported data format 'tfrecord:'");
    }

    @Test
    void unknownModel() {
        assertOneLineFailure(run("train", "--model", "gpt5", "--output", dir.resolve("m.zip").toString()), 1,
                "unknown model 'gpt5'; choose one of perceptron, logistic, softmax, linear, mlp, cnn, lenet, vgg16");
    }

    @Test
    void badTransferOptionsFailInOneLine() {
        String missing = dir.resolve("pre.zip").toString();
        assertOneLineFailure(run(train("--init-from", missing)), 1, "--model and --init-from both say where the network comes from");
        assertOneLineFailure(run("train", "--freeze-up-to", "layer1", "--output", dir.resolve("m.zip").toString()), 1,
                "--freeze-up-to freezes layers of a trained model; name it with --init-from");
        assertOneLineFailure(run("train", "--master", "local[1]", "--init-from", missing, "--limit", "100", "--output",
                dir.resolve("m.zip").toString()), 1, "init model not found: " + missing);
    }

    @Test
    void batchSmallerThanWorkers() {
        assertOneLineFailure(run(train("--batch-size", "2", "--workers", "4")), 1, "smaller than the 4 workers");
    }

    @Test
    void unwritableOutput() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertOneLineFailure(run("train", "--master", "local[1]", "--model", "mlp", "--limit", "100",
                "--output", file.resolve("m.zip").toString()), 1, "cannot write output location");
    }

    @Test
    void existingOutputIsKept() throws Exception {
        Path existing = Files.writeString(dir.resolve("m.zip"), "precious");
        Path metrics = Files.createDirectories(dir.resolve("m.checkpoints")).resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"type\":\"run\"}\n");
        assertOneLineFailure(run(train("--limit", "100")), 1, "already exists; pass --overwrite");
        assertEquals("precious", Files.readString(existing));
        assertEquals("{\"type\":\"run\"}\n", Files.readString(metrics), "the earlier run's metrics are kept too");
    }

    @Test
    void malformedNumbersAndUnknownOptionsAreUsageErrors() {
        assertOneLineFailure(run("train", "--epochs", "many"), 2, "--epochs");
        assertOneLineFailure(run("train", "--epoch", "3"), 2, "Unknown option");
        assertOneLineFailure(run("frobnicate"), 2, "frobnicate");
    }

    @Test
    void evaluateAMissingOrCorruptModel() throws Exception {
        assertOneLineFailure(run("evaluate", "--master", "local[1]", "--model", dir.resolve("none.zip").toString()), 1,
                "model not found");
        Path corrupt = Files.write(dir.resolve("bad.zip"), new byte[]{9, 9, 9});
        assertOneLineFailure(run("evaluate", "--master", "local[1]", "--model", corrupt.toString()), 1, "cannot read model");
    }

    @Test
    void divergenceStopsTrainingNamingTheRoundAndSavesNothing() throws Exception {
        Path output = dir.resolve("m.zip");
        Outcome diverged = run(train("--limit", "640", "--batch-size", "64", "--workers", "2", "--optimizer", "sgd",
                "--lr", "1e30", "--epochs", "1"));
        assertOneLineFailure(diverged, 1, "training diverged in epoch 1, round ");
        assertTrue(diverged.errorLine().contains("nothing from that round was saved"), diverged.errorLine());
        assertFalse(Files.exists(output), "no model is written from a diverged run");
        try (var entries = Files.list(dir.resolve("m.checkpoints"))) {
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().startsWith("checkpoint-")),
                    "no checkpoint is written from a diverged round");
        }
    }

    @Test
    void resumeWithNothingToResumeFromUnwritableCheckpointsAndBadIntervals() throws Exception {
        assertOneLineFailure(run(train("--limit", "100", "--resume")), 1, "nothing to resume: no good checkpoint in "
                + dir.resolve("m.checkpoints"));
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertOneLineFailure(run(train("--limit", "100", "--checkpoint-dir", file.toString())), 1,
                "checkpoint directory " + file + " is a file");
        assertOneLineFailure(run(train("--checkpoint-every", "3weeks")), 1,
                "--checkpoint-every must look like 1epoch, 2epochs or 100rounds, got '3weeks'");
        assertOneLineFailure(run(train("--resume", "--checkpoint-dir", "none")), 1, "--resume needs a checkpoint directory");
        assertOneLineFailure(run(train("--on-divergence", "ignore")), 2, "--on-divergence");
    }

    @Test
    void scoreRefusesABadModelAShapeMismatchAMissingInputAndAnExistingOutput() throws Exception {
        Path corrupt = Files.write(dir.resolve("bad.zip"), new byte[]{9, 9, 9});
        assertOneLineFailure(run("score", "--master", "local[1]", "--model", corrupt.toString(),
                "--output", dir.resolve("s").toString()), 1, "cannot read model");
        String model = dir.resolve("small.zip").toString();
        new io.sparkdp.driver.model.ModelStore(new org.apache.hadoop.conf.Configuration())
                .save(io.sparkdp.driver.TestNetworks.trained(1), model);
        assertOneLineFailure(run("score", "--master", "local[1]", "--model", model, "--top-k", "3",
                "--input", "idx:/usr/share/datasets/fashion-mnist", "--output", dir.resolve("s").toString()), 1,
                "input images are 28x28 but the model expects 4x4");
        assertOneLineFailure(run("score", "--master", "local[1]", "--model", model, "--top-k", "3", "--input", "images:" + dir.resolve("nowhere"),
                "--output", dir.resolve("s").toString()), 1, "input path does not exist: " + dir.resolve("nowhere"));
        assertOneLineFailure(run("score", "--model", model, "--input", "tfrecord:/x"), 1, "unsupported input 'tfrecord:/x'");
        assertOneLineFailure(run("score", "--model", model, "--output-format", "xml"), 2, "--output-format");

        Path images = Files.createDirectories(dir.resolve("images/nested"));
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        javax.imageio.ImageIO.write(image, "png", images.resolve("a.png").toFile());
        javax.imageio.ImageIO.write(image, "bmp", images.resolve("b.BMP").toFile());
        String[] score = {"score", "--master", "local[1]", "--model", model, "--top-k", "3", "--input", "images:" + dir.resolve("images"),
                "--output", dir.resolve("s").toString(), "--output-format", "jsonl"};
        Outcome scored = run(score);
        assertEquals(0, scored.code(), "stderr: " + scored.errLines());
        assertTrue(scored.out().contains("scored 2 images (0 bad)"), scored.out());
        assertOneLineFailure(run(score), 1, "output " + dir.resolve("s") + " already exists; pass --overwrite to replace it");

        StringBuilder rows = new StringBuilder("label");
        for (int j = 0; j < 16; j++) {
            rows.append(";f").append(j);
        }
        rows.append("\ncat").append(";0.5".repeat(16)).append("\ndog").append(";x".repeat(16)).append('\n');
        Path csv = Files.writeString(dir.resolve("rows.csv"), rows.toString());
        String[] scoreRows = {"score", "--master", "local[1]", "--model", model, "--top-k", "3", "--input", "csv:" + csv,
                "--header", "true", "--delimiter", ";", "--output", dir.resolve("rows").toString()};
        assertOneLineFailure(run(scoreRows), 1, "input rows have 17 features but the model expects 16 features (");
        String[] withLabel = java.util.Arrays.copyOf(scoreRows, scoreRows.length + 2);
        withLabel[scoreRows.length] = "--label-column";
        withLabel[scoreRows.length + 1] = "label";
        Outcome scoredRows = run(withLabel);
        assertEquals(0, scoredRows.code(), "stderr: " + scoredRows.errLines());
        assertTrue(scoredRows.out().contains("scored 2 rows (1 bad)"), scoredRows.out());
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Outcome help = run("train", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--batch-size") && help.out().contains("(default: 128)"), help.out());
        assertTrue(help.out().contains("idx:/usr/share/datasets/fashion-mnist"), help.out());
        String flat = help.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains("--early-stopping-patience=N") && flat.contains("0 = off (default: 0)"), help.out());
        assertTrue(flat.contains("macro f1 (default: LOSS)"), help.out());
        String evaluate = run("evaluate", "--help").out().replaceAll("\\s+", " ");
        assertTrue(evaluate.contains("--top-k=K") && evaluate.contains("top-k accuracy (default: 5)"), evaluate);
    }

    @Test
    void badEarlyStoppingAndTopKOptions() {
        assertOneLineFailure(run(train("--early-stopping-patience", "3", "--validation-split", "0")), 1,
                "--early-stopping-patience needs a validation set: set --validation-split above 0");
        assertOneLineFailure(run(train("--early-stopping-patience", "-1")), 1, "--early-stopping-patience must be 0 (off)");
        assertOneLineFailure(run(train("--early-stopping-min-delta", "-0.1")), 1, "--early-stopping-min-delta must be 0 or more");
        assertOneLineFailure(run(train("--early-stopping-metric", "precision")), 2, "--early-stopping-metric");
        assertOneLineFailure(run("evaluate", "--top-k", "0"), 1, "--top-k must be at least 1, got 0");
    }

    @Test
    void badModelArgumentsNameTheModelsArguments() {
        assertOneLineFailure(run(train("--model-arg", "filters=8")), 1,
                "model mlp has no argument 'filters'; its arguments are hidden, activation, dropout");
        assertOneLineFailure(run(train("--model-arg", "hidden=512,x")), 1,
                "--model-arg hidden must be comma-separated positive integers");
        assertOneLineFailure(run(train("--model-arg", "512")), 1, "--model-arg must be key=value");
        assertOneLineFailure(run(train("--model-arg", "activation=step")), 1, "the step activation has no gradient");
    }

    @Test
    void badTrainingFeaturesAreOneLineEach() {
        assertOneLineFailure(run(train("--loss", "kl")), 1, "unknown loss 'kl'; choose one of auto, mse, mae");
        assertOneLineFailure(run(train("--optimizer", "lbfgs")), 1, "choose one of adam, sgd, momentum, nesterov");
        assertOneLineFailure(run(train("--weight-init", "zeros")), 1, "unknown weight init 'zeros'");
        assertOneLineFailure(run(train("--clip-norm", "1", "--clip-value", "1")), 1, "choose one of --clip-norm and --clip-value");
        assertOneLineFailure(run(train("--l2", "-1")), 1, "--l1 and --l2 must be 0 or positive");
        assertOneLineFailure(run(train("--lr-schedule", "linear")), 1, "unknown learning-rate schedule 'linear'");
        assertOneLineFailure(run(train("--lr-schedule", "step", "--lr-decay", "2")), 1, "--lr-decay must be in (0, 1]");
        assertOneLineFailure(run(train("--clip-norm", "abc")), 2, "--clip-norm");
        assertOneLineFailure(run("train", "--model", "softmax", "--loss", "hinge", "--output", dir.resolve("m.zip").toString()), 1,
                "model softmax trains with categorical-crossentropy by definition");
    }

    @Test
    void modelsListsEveryModelWithItsArgumentsAndDefaults() {
        Outcome outcome = run("models");

        assertEquals(0, outcome.code(), outcome.errLines().toString());
        for (String model : List.of("perceptron", "logistic", "softmax", "mlp", "cnn", "lenet", "vgg16")) {
            assertTrue(outcome.out().lines().anyMatch(l -> l.startsWith(model + " ")), model + " in:\n" + outcome.out());
        }
        assertTrue(outcome.out().lines().anyMatch(l -> l.matches(" +hidden=512,256 +widths of the hidden layers.*")), outcome.out());
        assertTrue(outcome.out().contains("filters=32,64"), outcome.out());
        assertTrue(outcome.out().contains("pooling=avg"), outcome.out());
        assertTrue(outcome.out().contains("dense=4096,4096"), outcome.out());
        assertTrue(outcome.out().contains("queries=1") && outcome.out().contains("cell=lstm"), "attention and forecast: " + outcome.out());
        assertTrue(outcome.out().contains("--model-arg KEY=VALUE"), outcome.out());
    }
}
