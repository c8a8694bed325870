package io.sparkdp.driver.cli;

import io.sparkdp.models.Architecture;
import io.sparkdp.models.ModelArg;
import io.sparkdp.models.ModelZoo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sparkdp models}: every model {@code --model} builds, with its arguments, their defaults and what they mean. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models --model builds, with the --model-arg each takes, its default and meaning.")
final class ModelsCommand implements Callable<Integer> {
    private static final int NAME_WIDTH = 12;
    private static final int ARG_WIDTH = 24;

    @Override
    public Integer call() {
        System.out.print(render());
        return 0;
    }

    /** The listing, one block per model. */
    static String render() {
        StringBuilder out = new StringBuilder();
        for (Architecture model : ModelZoo.all()) {
            out.append(String.format("%-" + NAME_WIDTH + "s%s%n", model.name(), model.description()));
            if (model.arguments().isEmpty()) {
                out.append(" ".repeat(NAME_WIDTH)).append("(no arguments)").append(System.lineSeparator());
            }
            for (ModelArg arg : model.arguments()) {
                out.append(String.format("%" + NAME_WIDTH + "s%-" + ARG_WIDTH + "s%s; %s%n", "",
                        arg.name() + "=" + arg.defaultValue(), arg.description(), arg.kind().allowed()));
            }
        }
        out.append(String.format("%nSet arguments with --model-arg KEY=VALUE (repeatable), e.g.%n"
                + "  sparkdp train --model mlp --model-arg hidden=512,256 --model-arg dropout=0.3%n"
                + "Every model also takes --loss, --weight-init, --l1 and --l2; see 'sparkdp train --help'.%n"
                + "--task regression trains %s (the recurrent ones on csvseq: sequences), with --loss mse (default) or mae.%n"
                + "%s reconstruct their input (--task reconstruction, which they imply): the targets are the features.%n",
                String.join(", ", ModelZoo.regressors()), String.join(" and ", ModelZoo.reconstructors())));
        return out.toString();
    }
}
