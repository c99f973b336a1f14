import ArgumentParser
import ContainerRuntime

/// `dockyard kube play FILE`: each Pod (or Deployment's pod) of the file made and started, and
/// its ids printed as `podman kube play` prints them. Every document is checked before anything
/// runs; a failure removes everything the command made.
struct KubePlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "play", abstract: "Create pods and containers from a Kubernetes YAML file.")

    @OptionGroup var manifest: KubeFileOptions

    func run() throws {
        let plans = try manifest.plans()
        let engine = Engine(root: manifest.storage.resolvedRoot)
        engine.sweep()
        let player = KubePlayer(engine: engine)
        var played: [KubePlayer.Played] = []
        do {
            for plan in plans { played.append(try player.play(plan)) }
        } catch {
            for made in played { player.remove(made.plan) }
            throw failWithDockerStatus(error)
        }
        for made in played {
            if !made.plan.emptyDirs.isEmpty { print("Volumes:\n" + made.plan.emptyDirs.joined(separator: "\n")) }
            print("Pod:\n" + made.pod.id.full)
            print(made.containers.count == 1 ? "Container:" : "Containers:")
            for id in made.containers { print(id.full) }
            print()
        }
    }
}
