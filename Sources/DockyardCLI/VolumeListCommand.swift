import ArgumentParser
import ContainerRuntime

/// `dockyard volume ls`: every named volume, as `docker volume ls` prints them.
struct VolumeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List volumes.", aliases: ["list"])

    @Flag(name: [.short, .long], help: "Only display volume names.") var quiet = false
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let volumes = VolumeStore(root: storage.resolvedRoot).all()
        if !quiet { print("DRIVER    VOLUME NAME") }
        for volume in volumes {
            print(quiet ? volume.name : volume.driver + String(repeating: " ", count: max(1, 10 - volume.driver.count)) + volume.name)
        }
    }
}
