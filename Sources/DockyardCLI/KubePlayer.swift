import ArgumentParser
import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel

/// What `kube play` does with one pod's plan, in the kubelet's order: the pod's volumes, its
/// sandbox (the pod and its infra container), each init container run to completion in turn,
/// then the containers started. Each container goes through `run`'s own request building (the
/// plan is `run`'s flags), so a manifest gets exactly what the same `dockyard run --pod` would.
struct KubePlayer {
    let engine: Engine

    struct Played {
        var plan: KubePlan
        var pod: PodRecord
        var containers: [ContainerID]
    }

    struct InitContainerFailed: Error, CustomStringConvertible {
        var name: String
        var status: Int32
        var description: String { "init container \(name) failed: it exited with status \(status)" }
    }

    func play(_ plan: KubePlan) throws -> Played {
        var pod: PodRecord?
        var volumes: [String] = []
        do {
            try makeVolumes(plan, made: &volumes)
            pod = try createPod(plan.pod)
            for container in plan.initContainers { try runToCompletion(container, pod: plan.pod.name) }
            var ids: [ContainerID] = []
            for container in plan.containers { ids.append(try start(container, pod: plan.pod.name)) }
            guard let pod else { throw RuntimeError(code: .system, "pod \(plan.pod.name) was not created") }
            return Played(plan: plan, pod: pod, containers: ids)
        } catch {
            // Only what this play made: a pod or volume of the same name that was there before stays.
            if pod != nil { _ = try? engine.pods().remove(plan.pod.name, force: true) }
            removeVolumes(volumes)
            throw error
        }
    }

    /// Everything a finished `play` made for `plan`: the pod with its containers, and its emptyDir volumes.
    func remove(_ plan: KubePlan) {
        _ = try? engine.pods().remove(plan.pod.name, force: true)
        removeVolumes(plan.emptyDirs)
    }

    func removeVolumes(_ names: [String]) {
        let volumes = VolumeStore(root: engine.root)
        for name in names { try? volumes.remove(name) }
    }

    /// emptyDirs as new named volumes, each added to `made` once it exists: one that exists
    /// already (another pod's, or someone's data) is refused, never reused or removed.
    func makeVolumes(_ plan: KubePlan, made: inout [String]) throws {
        let volumes = VolumeStore(root: engine.root)
        for name in plan.emptyDirs where volumes.inspect(name) != nil {
            throw RuntimeError(code: .conflict, "volume \(name) already exists: an emptyDir starts empty, remove it or rename the pod")
        }
        for name in plan.emptyDirs {
            _ = try volumes.create(name)
            made.append(name)
        }
    }

    func createPod(_ pod: KubePlan.Pod) throws -> PodRecord {
        let image = try engine.runnableImages.runnable("busybox", events: DiscardingSink(), pull: .missing)
        let initBinary = try engine.host.installInit(from: RunCommand.initBinary(), root: engine.root)
        var request = PodLifecycle.Request(
            name: pod.name, shared: pod.shared.compactMap(Namespace.init(rawValue:)),
            publishedPorts: try pod.publish.map { try PortMapping(parsing: $0) }, infraImage: image, initBinary: initBinary)
        request.hostname = pod.hostname
        return try engine.pods().create(request)
    }

    /// The container's record, made by `run`'s own code from the plan's flags, with the kubelet's
    /// runAsNonRoot check once the image's user is known.
    func create(_ container: KubePlan.Container, pod: String) throws -> ContainerRecord {
        let command: RunCommand
        do { command = try RunCommand.parse(["--pod=\(pod)"] + container.arguments) } catch {
            throw RuntimeError(code: .invalidArgument, "container \(container.name): \(RunCommand.message(for: error))")
        }
        let request = try command.containerRequest(engine: engine, events: DiscardingSink())
        let record = try engine.runner.create(request)
        if container.mustRunAsNonRoot, record.config.uid == 0 {
            try? engine.lifecycle.remove(record.id.full, force: true)
            throw RuntimeError(code: .invalidArgument, "container has runAsNonRoot and image will run as root (pod: \"\(pod)\", container: \(container.name))")
        }
        return record
    }

    /// An init container, run in the foreground (its output on stderr, play's stdout is the ids);
    /// one that fails fails the play. Once done it is removed, as podman's default "once" init
    /// containers are, so `pod start` does not run it again beside the others.
    func runToCompletion(_ container: KubePlan.Container, pod: String) throws {
        let record = try create(container, pod: pod)
        let io = ContainerIO(standardOutput: 2, standardError: 2)
        let outcome = try engine.runner.start(record, io: io)
        try? engine.lifecycle.remove(record.id.full, force: true)
        if outcome.exitCode != 0 { throw InitContainerFailed(name: container.name, status: outcome.exitCode) }
    }

    func start(_ container: KubePlan.Container, pod: String) throws -> ContainerID {
        let record = try create(container, pod: pod)
        do { try engine.detachedStart(explain: nil).start(record.id) } catch let failure as DetachedStart.Failure {
            throw RuntimeError(code: .system, "container \(container.name): \(failure.message)")
        }
        return record.id
    }
}
