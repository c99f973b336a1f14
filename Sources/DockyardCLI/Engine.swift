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
