package io.sparkdp.driver.spark;

import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.serializer.SerializerInstance;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Spark's {@code treeAggregate}, without its fixed costs where the tree would have no inner level.
 * With few partitions, {@code treeAggregate} merges everything on the driver just as
 * {@code aggregate} does, but builds an extra RDD and cleans extra closures for it: about 8 ms
 * more per job on {@code local[2]}, measured, which is a third of a synchronous round's overhead.
 * <p>
 * The flat case is {@code RDD.aggregate}'s own algorithm (each partition folds records into its
 * own copy of the zero, the driver merges the partitions' results into another copy as they
 * arrive), run as one {@code SparkContext.runJob} of the named functions below. {@code aggregate}
 * itself wraps its operations in Scala closures declared in {@code RDD}, and Spark's closure
 * cleaner parses {@code RDD}'s class file with ASM for each of them, on every job: measured on
 * {@code local[2]} with an empty accumulator, that halves the fixed cost of a 2-task job (from
 * about 12 ms to about 6 ms under load).
 */
public final class Aggregation {
    private Aggregation() {
    }

    /** {@code rdd.treeAggregate(zero, add, merge, depth)}, run as a flat {@link #aggregate} when that is the same. */
    public static <T, U> U treeAggregate(JavaRDD<T> rdd, U zero, Function2<U, T, U> add, Function2<U, U, U> merge, int depth) {
        if (hasInnerLevel(rdd.getNumPartitions(), depth)) {
            return rdd.treeAggregate(zero, add, merge, depth);
        }
        return aggregate(rdd, zero, add, merge);
    }

    /**
     * {@code rdd.aggregate(zero, add, merge)}: the same result, the same copies of {@code zero}
     * (one per task and one on the driver; {@code zero} itself is never changed), the same merge
     * order (the order in which tasks finish), in one job with no closures to clean.
     */
    public static <T, U> U aggregate(JavaRDD<T> rdd, U zero, Function2<U, T, U> add, Function2<U, U, U> merge) {
        @SuppressWarnings("unchecked")
        ClassTag<U> tag = (ClassTag<U>) ClassTag$.MODULE$.AnyRef();
        DriverMerge<U> result = new DriverMerge<>(copy(zero, tag), merge);
        rdd.context().runJob(rdd.rdd(), new PartitionFold<>(zero, add), result, tag);
        return result.value;
    }

    /** A copy of {@code value} through the job's serializer, as {@code RDD.aggregate} takes of its zero. */
    private static <U> U copy(U value, ClassTag<U> tag) {
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        return serializer.deserialize(serializer.serialize(value, tag), tag);
    }

    /** Spark's own test (RDD.treeAggregate) for adding a level of partial aggregates on executors. */
    static boolean hasInnerLevel(int partitions, int depth) {
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
        return depth > 1 && partitions > scale + Math.ceil((double) partitions / scale);
    }

    /** A task's fold of its partition, starting from the copy of the zero that its deserialized closure holds. */
    private static final class PartitionFold<T, U> extends AbstractFunction2<TaskContext, Iterator<T>, U> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final U zero;
        private final Function2<U, T, U> add;

        PartitionFold(U zero, Function2<U, T, U> add) {
            this.zero = zero;
            this.add = add;
        }

        @Override
        public U apply(TaskContext context, Iterator<T> records) {
            U acc = zero;
            while (records.hasNext()) {
                acc = call(add, acc, records.next());
            }
            return acc;
        }
    }

    /** The driver's merge of each task's result as it arrives; Spark calls it one result at a time. */
    private static final class DriverMerge<U> extends AbstractFunction2<Object, U, BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Function2<U, U, U> merge;
        private U value;

        DriverMerge(U zero, Function2<U, U, U> merge) {
            this.value = zero;
            this.merge = merge;
        }

        @Override
        public BoxedUnit apply(Object partition, U taskResult) {
            value = call(merge, value, taskResult);
            return BoxedUnit.UNIT;
        }
    }

    /** {@code f.call(a, b)}, its checked exceptions passed on unwrapped, as Spark's Java API does. */
    private static <A, B, R> R call(Function2<A, B, R> f, A a, B b) {
        try {
            return f.call(a, b);
        } catch (Exception e) {
            throw Aggregation.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E {
        throw (E) e;
    }
}
