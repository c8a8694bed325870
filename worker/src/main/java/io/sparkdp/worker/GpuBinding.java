package io.sparkdp.worker;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the calling task's thread to the GPU that Spark's resource scheduling assigned the task
 * ({@code spark.task.resource.gpu.amount=1}; {@code TaskContext.get().resources()}), so that
 * the ND4J arrays of that task live on that device. On ND4J's CPU backend, or for a task given
 * no GPU, it binds nothing and says why.
 * <p>
 * The GPU's address is the index the discovery script reported ({@code deploy/gpu-discovery.sh}:
 * {@code nvidia-smi}'s index), which is the CUDA device ordinal ND4J uses when the executor sees
 * every GPU of its machine in PCI bus order ({@code CUDA_DEVICE_ORDER=PCI_BUS_ID}). ND4J's device
 * affinity belongs to a thread, and Spark reuses task threads, so every task binds again.
 */
public final class GpuBinding {
    /** The resource name Spark's GPU scheduling uses. */
    public static final String GPU = "gpu";
    private static final Logger LOG = LoggerFactory.getLogger(GpuBinding.class);
    private static volatile String lastLogged = "";

    private GpuBinding() {
    }

    /** What {@link #choose} decided. */
    public sealed interface Decision permits Bound, Unbound {
    }

    /** Bind the thread to ND4J device {@code device}, the GPU with Spark address {@code address}. */
    public record Bound(int device, String address) implements Decision {
    }

    /** Bind nothing, for {@code reason}. */
    public record Unbound(String reason) implements Decision {
    }

    /**
     * The device for a task given {@code resources}, on a backend that is a CPU backend or sees
     * {@code devices} GPUs.
     *
     * @throws IllegalStateException if Spark's address is no device index ND4J can use
     */
    public static Decision choose(Map<String, ResourceInformation> resources, boolean cpuBackend, int devices) {
        ResourceInformation gpu = resources.get(GPU);
        if (cpuBackend) {
            return new Unbound(gpu == null
                    ? "ND4J runs on its CPU backend; no GPU to bind"
                    : "ND4J runs on its CPU backend, so the GPU Spark assigned (" + String.join(",", gpu.addresses())
                    + ") is unused: build sparkdp.jar with -Pcuda");
        }
        if (gpu == null || gpu.addresses().length == 0) {
            return new Unbound("Spark assigned this task no GPU (set spark.task.resource.gpu.amount=1); ND4J keeps its default device");
        }
        String address = gpu.addresses()[0].trim();
        int device;
        try {
            device = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Spark assigned GPU address '" + address
                    + "', which is no device index: the discovery script must print nvidia-smi's indexes");
        }
        if (device < 0 || device >= devices) {
            throw new IllegalStateException("Spark assigned GPU " + device + " but ND4J sees " + devices
                    + " device(s): the discovery script and CUDA_VISIBLE_DEVICES disagree");
        }
        return new Bound(device, address);
    }

    /**
     * Binds the calling task's thread as {@link #choose} decides. A binding is logged at info
     * (once per new decision), the reason for none at debug.
     */
    public static Decision bindForTask() {
        TaskContext task = TaskContext.get();
        Map<String, ResourceInformation> resources = task == null ? Map.of() : task.resourcesJMap();
        boolean cpu = Nd4j.getEnvironment().isCPU();
        Decision decision = choose(resources, cpu, cpu ? 0 : Nd4j.getAffinityManager().getNumberOfDevices());
        if (decision instanceof Bound bound) {
            Nd4j.getAffinityManager().unsafeSetDevice(bound.device());
        }
        String said = decision.toString();
        if (!said.equals(lastLogged)) {
            lastLogged = said;
            if (decision instanceof Bound) {
                LOG.info("GPU binding: {}", said);
            } else {
                LOG.debug("GPU binding: {}", said);
            }
        }
        return decision;
    }
}
