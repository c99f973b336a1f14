import Builder
import ContainerRuntime
import Explain
import ImageStore
import LinuxKernel

/// The pieces a command works with, made for one invocation: the kernel (live or simulated),
/// the container store and runner, and the image store on demand.
struct Engine {
    let root: String
    let kernel: any Kernel
    let containers: ContainerStore

    init(root: String, events: any EventSink = DiscardingSink(), simulate: Bool = false) {
        self.root = root
        self.kernel = simulate ? SimulatedKernel(events: events) : LiveKernel(events: events)
        self.containers = ContainerStore(root: root)
    }

    var runner: ContainerRunner { ContainerRunner(store: containers, kernel: kernel) }

    /// stop, kill, start, restart, pause, unpause, wait, rm.
    var lifecycle: ContainerLifecycle { ContainerLifecycle(runner: runner) }

    /// How `run -d`, `start` and `restart` hand a container to its monitor; the monitor's rendered
    /// explain events (with `--explain`) are copied to stderr.
    func detachedStart(explain: ExplainMode?) -> DetachedStart {
        DetachedStart(root: root, monitorArguments: explain.map { ["--explain=\($0.rawValue)"] } ?? [],
                      relay: { StandardError.write($0) })
    }

    func images() throws -> ImageStore { try ImageStore(root: root) }

    /// Cleans up after earlier runs whose dockyard process died: their cgroups and `--rm`
    /// containers, and half-written blobs or layers. A no-op in a simulation.
    func sweep() {
        guard !kernel.isSimulated else { return }
        let quietKernel = LiveKernel(events: DiscardingSink())
        ContainerJanitor(store: containers, kernel: quietKernel).sweep()
        ContainerJanitor(store: ContainerStore(root: Builder.buildContainersRoot(root)), kernel: quietKernel).sweep()
        (try? images())?.removeAbandonedTemporaries()
    }
}
