import Builder
import ContainerRuntime
import Explain
import ImageStore
import LinuxKernel

/// The pieces a command works with, made for one invocation: the host (live or simulated, with
/// its kernel), the container store and runner, and the image store on demand.
struct Engine {
    let root: String
    let host: any Host
    /// Where `run` finds its image: the store, or in the simulation a description of it.
    let runnableImages: any RunnableImageSource
    let containers: ContainerStore
    var kernel: any Kernel { host.kernel }

    init(root: String, events: any EventSink = DiscardingSink(), simulate: Bool = false) {
        // An ordinary user works in the user namespace its holder keeps (rootless mode): this
        // process joins it, or starts it and runs again inside it.
        if !simulate { RootlessEntry.enterUserNamespace(events: events) }
        self.root = root
        // `--simulate` is another host, chosen once here: nothing below asks which it is.
        self.host = simulate ? SimulatedHost(events: events) : LiveHost(kernel: LiveKernel(events: events))
        self.runnableImages = simulate ? SimulatedImages(root: root) : StoredImages(root: root)
        self.containers = ContainerStore(root: root)
    }

    var runner: ContainerRunner { ContainerRunner(store: containers, host: host) }

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
    /// containers, and half-written blobs or layers. The simulated host has none to sweep.
    func sweep() {
        host.sweepAbandoned(in: [containers, ContainerStore(root: Builder.buildContainersRoot(root))],
                            andAfterwards: { (try? images())?.removeAbandonedTemporaries() })
    }
}
