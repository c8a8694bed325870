package io.sparkdp.data;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code idx:} data: an IDX pair whose records every executor reads straight from the files by
 * index, so its shards need no shuffle. IDX stores no class names; classes are named by index.
 */
public final class IdxData implements InputData {
    private final String spec;
    private final IdxDataset dataset;
    private final DataSchema schema;

    private IdxData(String spec, IdxDataset dataset) {
        this.spec = spec;
        this.dataset = dataset;
        this.schema = new DataSchema(1, dataset.height(), dataset.width(), true,
                DataSchema.indexNames(dataset.source().numClasses()));
    }

    /** Resolves {@code spec} ({@code idx:<dir>} or {@code idx:<images>,<labels>}) and reads both headers. */
    public static IdxData open(String spec, IdxSource.Part part, Configuration conf) {
        return new IdxData(spec, IdxDataset.open(IdxSource.resolve(spec, part, conf), conf));
    }

    public IdxDataset dataset() {
        return dataset;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public DataSchema schema() {
        return schema;
    }

    @Override
    public Split split(JavaSparkContext sc, SplitRequest request) {
        ShardPlan plan = request.plan(dataset.records());
        return new Split(plan, dataset.trainShards(sc, plan), dataset.validationShards(sc, plan), BadRecords.none(), List.of());
    }

    @Override
    public JavaRDD<ExampleBlock> all(JavaSparkContext sc, int parts) {
        return dataset.allShards(sc, parts);
    }
}
