package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/**
 * Which device a task binds to, from resource maps as {@code TaskContext.resources()} returns
 * them (real {@link ResourceInformation} objects), on a CUDA backend seeing a given number of
 * devices and on the CPU backend. No GPU is needed: the binding itself is one ND4J call.
 */
class GpuBindingTest {
    private static Map<String, ResourceInformation> gpus(String... addresses) {
        return Map.of(GpuBinding.GPU, new ResourceInformation(GpuBinding.GPU, addresses));
    }

    @Test
    void aTaskBindsToTheGpuSparkAssignedIt() {
        assertEquals(new GpuBinding.Bound(1, "1"), GpuBinding.choose(gpus("1"), false, 4));
        assertEquals(new GpuBinding.Bound(0, "0"), GpuBinding.choose(gpus("0"), false, 1));
        assertEquals(new GpuBinding.Bound(3, "3"), GpuBinding.choose(gpus("3", "2"), false, 4), "the first of several");
    }

    @Test
    void theCpuBackendBindsNothingAndSaysWhy() {
        GpuBinding.Decision noGpu = GpuBinding.choose(Map.of(), true, 0);
        assertTrue(noGpu instanceof GpuBinding.Unbound u && u.reason().contains("CPU backend"), noGpu.toString());
        GpuBinding.Decision unused = GpuBinding.choose(gpus("0"), true, 0);
        assertTrue(unused instanceof GpuBinding.Unbound u && u.reason().contains("-Pcuda"), unused.toString());
    }

    @Test
    void aTaskWithoutAGpuResourceKeepsTheDefaultDevice() {
        Map<String, ResourceInformation> other = Map.of("fpga", new ResourceInformation("fpga", new String[]{"0"}));
        assertTrue(GpuBinding.choose(other, false, 2) instanceof GpuBinding.Unbound);
        assertTrue(GpuBinding.choose(gpus(), false, 2) instanceof GpuBinding.Unbound, "an empty address list");
    }

    @Test
    void anAddressNd4jCannotUseIsRefusedWithTheReason() {
        IllegalStateException beyond = assertThrows(IllegalStateException.class, () -> GpuBinding.choose(gpus("2"), false, 2));
        assertTrue(beyond.getMessage().contains("ND4J sees 2 device(s)"), beyond.getMessage());
        IllegalStateException uuid = assertThrows(IllegalStateException.class,
                () -> GpuBinding.choose(gpus("GPU-5f1c"), false, 2));
        assertTrue(uuid.getMessage().contains("no device index"), uuid.getMessage());
    }

    /**
     * deploy/gpu-discovery.sh, run against a stand-in nvidia-smi that lists two GPUs, prints what
     * Spark's own parser reads as two addresses, each of which binds to its device.
     */
    @Test
    void theDiscoveryScriptsAddressesAreDevicesThatBind(@org.junit.jupiter.api.io.TempDir java.nio.file.Path bin)
            throws Exception {
        java.nio.file.Path smi = bin.resolve("nvidia-smi");
        java.nio.file.Files.writeString(smi, "#!/bin/sh\nprintf '0\\n1\\n'\n");
        assertTrue(smi.toFile().setExecutable(true));
        ProcessBuilder discovery = new ProcessBuilder("../deploy/gpu-discovery.sh").redirectErrorStream(true);
        discovery.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = discovery.start();
        String json = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), json);
        ResourceInformation found = ResourceInformation.parseJson(json);
        assertEquals(GpuBinding.GPU, found.name());
        assertEquals(java.util.List.of("0", "1"), java.util.List.of(found.addresses()));
        for (String address : found.addresses()) {
            GpuBinding.Decision decision = GpuBinding.choose(gpus(address), false, 2);
            assertEquals(new GpuBinding.Bound(Integer.parseInt(address), address), decision);
        }

        java.nio.file.Files.writeString(smi, "#!/bin/sh\necho 'NVIDIA-SMI has failed' >&2\nexit 9\n");
        Process failing = discovery.start();
        String err = new String(failing.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, failing.waitFor(), "a failing nvidia-smi: " + err);
        assertTrue(err.startsWith("gpu-discovery.sh: nvidia-smi failed"), err);
    }

    @Test
    void onThisMachinesCpuBackendATaskBindsNothing() {
        try (LocalSpark spark = LocalSpark.start("gpu-binding")) {
            String decision = spark.sc().parallelize(java.util.List.of(1), 1)
                    .map(x -> GpuBinding.bindForTask().toString()).collect().get(0);
            assertTrue(decision.contains("CPU backend"), decision);
        }
    }
}
