import ArgumentParser
import ContainerRuntime

/// `dockyard volume create [NAME]`: an empty named volume (a random name without one).
struct VolumeCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a volume.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "The volume's name.") var name: String?

    func run() throws {
        do {
            let (volume, _) = try VolumeStore(root: storage.resolvedRoot).create(name ?? VolumeStore.anonymousName())
            print(volume.name)
        } catch let error as RuntimeError {
            StandardError.line("Error response from daemon: \(error.message)")
            throw ExitCode(1)
        }
    }
}
