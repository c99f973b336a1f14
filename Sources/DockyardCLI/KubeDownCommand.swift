import ArgumentParser
import ContainerRuntime

/// `dockyard kube down FILE`: what `kube play FILE` made — each pod with its containers, and its
/// emptyDir volumes — stopped and removed; the ids printed as `podman kube down` prints them.
struct KubeDownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "down", abstract: "Remove pods made by kube play from a Kubernetes YAML file.")

    @OptionGroup var manifest: KubeFileOptions

    func run() throws {
        let plans = try manifest.plans()
        let engine = Engine(root: manifest.storage.resolvedRoot)
        engine.sweep()
        let pods = engine.pods()
        let volumes = VolumeStore(root: engine.root)
        var removed: [String] = []
        var failed = false
        for plan in plans {
            let name = plan.pod.name
            do {
                removed.append(try pods.remove(name, force: true).id.full)
            } catch {
                StandardError.line("dockyard: \(error)")
                failed = true
            }
            for volume in plan.emptyDirs { try? volumes.remove(volume) }
        }
        if !removed.isEmpty { print("Pods stopped:\n" + removed.joined(separator: "\n") + "\nPods removed:\n" + removed.joined(separator: "\n")) }
        if failed { throw ExitCode(125) }
    }
}
