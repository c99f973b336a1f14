import Builder
import Explain
import FoundationEssentials
import LinuxKernel
import Testing
import TestSupport

/// A build's RUN step is a container like any other: run for real and over the simulated kernel,
/// its container must be told with the same kinds of kernel objects in the same order (values
/// aside), from its cgroup to its exit. The launch is one plan both kernels tell (LaunchPlan).
@Suite("A build's RUN container is told the same live and simulated",
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct BuildGoldenTests {
    /// The kinds of the RUN container's events, from its first cgroup to its exit.
    static func runContainerKinds(kernel: (any EventSink) -> any Kernel) throws -> [String] {
        let directory = try TemporaryDirectory(prefix: "build-golden")
        try directory.write("context/Dockerfile", "FROM busybox\nRUN echo built > /built\n")
        let recorder = EventRecorder()
        let builder = try Builder(root: directory.appending("root"), kernel: kernel(recorder), progress: RecordingProgress())
        // Over the simulated kernel the step has no upper directory to make a layer of, so that
        // build stops after the RUN container: what it told up to there is what is compared.
        _ = try? builder.build(BuildRequest(contextDirectory: directory.appending("context"),
                                            dockerfilePath: directory.appending("context/Dockerfile"), noCache: true))
        let kinds = recorder.events.map { String(describing: $0.kind).prefix { $0 != "(" }.description }
        guard let start = kinds.firstIndex(of: "cgroupCreated"), let end = kinds.firstIndex(of: "exited") else { return kinds }
        return kinds[start...end].filter { $0 != "note" }
    }

    @Test("RUN: the same cgroup, namespaces, mounts, confinement and exec, live and simulated")
    func runStep() throws {
        let live = try Self.runContainerKinds { LiveKernel(events: $0) }
        let simulated = try Self.runContainerKinds { SimulatedKernel(events: $0) }
        #expect(live.contains("pivotRoot") && live.contains("executed"), "\(live)")
        #expect(live == simulated, "live:      \(live)\nsimulated: \(simulated)")
    }
}
