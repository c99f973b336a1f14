import ArgumentParser
import ContainerRuntime
import Explain

/// `dockyard pod create`: a pod's record and its infra container, as `podman pod create`; prints its id.
struct PodCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a new empty pod.")

    @Option(name: [.short, .long], help: "Assign a name to the pod.") var name: String?
    @Option(name: [.customShort("p"), .long],
            help: ArgumentHelp("Publish a port of the pod to the host.", valueName: "[ip:]hostPort:containerPort[/tcp|udp]"))
    var publish: [String] = []
    @Option(name: .long, help: ArgumentHelp("Namespaces the pod's containers share.", valueName: "net,ipc,uts[,pid]"))
    var share: String = "ipc,net,uts"
    @Flag(name: .long, help: "Show what it would make, without root: nothing until a container joins the pod and starts its infra container.")
    var simulate = false
    @OptionGroup var storage: StorageOptions

    func validate() throws {
        if PodRecord.parseShared(share) == nil {
            let bad = share.split(separator: ",").first { word in PodRecord.parseShared(String(word)) == nil } ?? Substring(share)
            throw ValidationError("invalid kernel namespace to share: \(bad). Options are: ipc, net, pid, uts")
        }
        for spec in publish {
            do { _ = try PortMapping(parsing: spec) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() throws {
        if simulate {
            // The simulated host keeps no pods: its stand-in is the pod a simulated `run --pod` joins.
            let pod = Engine(root: storage.resolvedRoot, simulate: true).host.standIn(pod: name ?? "pod")
            print(pod?.id.full ?? "")
            StandardError.line("dockyard: simulated: a pod makes no kernel object until its first container starts its infra container.")
            return
        }
        let engine = Engine(root: storage.resolvedRoot)
        do {
            engine.sweep()
            // The infra container's root: the offline busybox base, with dockyard-init bound in as its pause process.
            let image = try engine.runnableImages.runnable("busybox", events: DiscardingSink(), pull: .missing)
            let initBinary = try engine.host.installInit(from: RunCommand.initBinary(), root: engine.root)
            let pod = try engine.pods().create(PodLifecycle.Request(
                name: name, shared: PodRecord.parseShared(share) ?? PodRecord.defaultShared,
                publishedPorts: try publish.map { try PortMapping(parsing: $0) }, infraImage: image, initBinary: initBinary))
            print(pod.id.full)
        } catch {
            throw failWithDockerStatus(error)
        }
    }
}
