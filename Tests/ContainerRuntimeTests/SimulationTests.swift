import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing

/// The simulation runs the same runner over `SimulatedKernel`: no root, nothing created.
@Suite("Simulated runs")
struct SimulationTests {
    @Test("a simulated run tells the whole story, marks every event simulated, and creates nothing")
    func simulatedRun() throws {
        let root = "/nonexistent/dockyard-simulation-\(UInt32.random(in: 0...UInt32.max))"
        let events = EventRecorder()
        let runner = ContainerRunner(store: ContainerStore(root: root), kernel: SimulatedKernel(events: events),
                                     cgroups: .unified(root: "/sys/fs/cgroup"))
        let image = RunnableImage(reference: "busybox", id: "sha256:" + String(repeating: "1", count: 64),
                                  lowerdirs: [root + "/layers/a"], environment: ["PATH=/bin"], entrypoint: [],
                                  command: ["sh"], workingDirectory: "/", user: "")
        let outcome = try runner.run(RunRequest(image: image, command: ["hostname"],
                                                limits: ResourceLimits(memoryBytes: 64 << 20), autoRemove: true))
        #expect(outcome.exitCode == 0)
        let recorded = events.events
        #expect(!recorded.isEmpty && recorded.allSatisfy(\.simulated))
        let names = Set(recorded.map(\.name))
        for expected in ["writableLayerCreated", "cgroupCreated", "cgroupWritten", "processCloned", "namespace",
                         "mounted", "deviceCreated", "pivotRoot", "hostnameSet", "executed", "exited", "removed"] {
            #expect(names.contains(expected), "missing \(expected)")
        }
        #expect(recorded.contains { $0.kind == .cgroupWritten(path: "/sys/fs/cgroup/dockyard/\(outcome.record.id.full)/memory.max", value: "67108864") })
        #expect(!FileManager.default.fileExists(atPath: root))
    }
}
