import ArgumentParser
import ContainerRuntime
import Explain

/// `dockyard kube generate POD`: a pod written as a `v1` Pod manifest on stdout, as
/// `podman kube generate` writes one; `kube play` of it makes the same pod again.
struct KubeGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Generate a Kubernetes Pod manifest from a pod.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "The pod, by name or id.") var pod: String

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        do {
            engine.sweep()
            let pods = engine.pods()
            let record = try pods.pods.find(pod)
            let members = pods.members(of: record)
            if members.count < 2 { throw RuntimeError(code: .invalidArgument, "pod \(record.name) has no containers to generate") }
            var images: [String: RunnableImage] = [:]
            for name in Set(members.map(\.config.image)) {
                images[name] = try? engine.runnableImages.runnable(name, events: DiscardingSink(), pull: .never)
            }
            print(try KubeHelper.generate(pod: record, members: members, images: images, version: DockyardCommand.configuration.version),
                  terminator: "")
        } catch {
            throw failWithDockerStatus(error)
        }
    }
}
