import ArgumentParser
import ContainerRuntime

/// `dockyard pod start`: the infra container, then the pod's other containers; prints the pod's id.
struct PodStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start one or more pods.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Pods, by name or id.") var pods: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        for name in pods {
            do { print(try engine.pods().start(name).id.full) }
            catch let failure as DetachedStart.Failure { throw failure.exitCode }
            catch { throw failWithDockerStatus(error) }
        }
    }
}
