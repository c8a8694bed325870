package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sparkdp.models.InputShape;
import io.sparkdp.models.ModelRequest;
import io.sparkdp.models.OptimizerConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetworkPoolTest {
    private static final ModelRequest REQUEST =
            ModelRequest.of(new InputShape(1, 4, 4), 3, 5, OptimizerConfig.defaults());
    private static LocalSpark spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.start("NetworkPoolTest");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    private static WorkerContext newRun() {
        return spark.context("mlp", REQUEST);
    }

    @Test
    void aRunReusesItsNetworkAcrossSequentialTasks() {
        WorkerContext run = newRun();
        long before = NetworkPool.constructions();

        MultiLayerNetwork first;
        try (NetworkPool.Lease lease = NetworkPool.borrow(run)) {
            first = lease.network();
        }
        MultiLayerNetwork second;
        try (NetworkPool.Lease lease = NetworkPool.borrow(run)) {
            second = lease.network();
        }

        assertEquals(1, NetworkPool.constructions() - before);
        assertSame(first, second);
        assertEquals(16L * 512 + 512 + 512L * 256 + 256 + 256L * 3 + 3, first.numParams());
    }

    @Test
    void concurrentTasksGetNetworksOfTheirOwn() {
        WorkerContext run = newRun();
        long before = NetworkPool.constructions();

        try (NetworkPool.Lease a = NetworkPool.borrow(run); NetworkPool.Lease b = NetworkPool.borrow(run)) {
            assertNotSame(a.network(), b.network());
        }
        assertEquals(2, NetworkPool.constructions() - before);

        try (NetworkPool.Lease a = NetworkPool.borrow(run); NetworkPool.Lease b = NetworkPool.borrow(run)) {
            assertNotSame(a.network(), b.network());
        }
        assertEquals(2, NetworkPool.constructions() - before, "both networks are reused the second time");
    }

    @Test
    void aNewRunBuildsItsOwnNetwork() {
        WorkerContext first = newRun();
        WorkerContext second = newRun();
        long before = NetworkPool.constructions();

        MultiLayerNetwork ofFirst;
        try (NetworkPool.Lease lease = NetworkPool.borrow(first)) {
            ofFirst = lease.network();
        }
        try (NetworkPool.Lease lease = NetworkPool.borrow(second)) {
            assertNotSame(ofFirst, lease.network());
        }

        assertEquals(2, NetworkPool.constructions() - before);
    }

    @Test
    void onlyTheMostRecentRunsKeepTheirNetworks() {
        WorkerContext oldest = newRun();
        long before = NetworkPool.constructions();
        NetworkPool.borrow(oldest).close();
        for (int i = 0; i < NetworkPool.RUNS_KEPT; i++) {
            NetworkPool.borrow(newRun()).close();
        }
        assertEquals(1 + NetworkPool.RUNS_KEPT, NetworkPool.constructions() - before);

        NetworkPool.borrow(oldest).close();

        assertEquals(2 + NetworkPool.RUNS_KEPT, NetworkPool.constructions() - before, "the oldest run was dropped");
    }
}
