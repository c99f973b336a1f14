import ArgumentParser
import ContainerRuntime
import FoundationEssentials

/// `dockyard volume inspect NAME...`: each volume's name, driver and host directory, as JSON.
struct VolumeInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Display detailed information on volumes.")

    @Option(name: [.short, .long], help: "Format the output using a Go template, or 'json'.") var format: String?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Volume names.") var names: [String]

    func run() throws {
        let template = try InspectFormat.template(for: format)
        let store = VolumeStore(root: storage.resolvedRoot)
        var found: [VolumeStore.Volume] = []
        var failed = false
        for name in names {
            if let volume = store.inspect(name) { found.append(volume) } else {
                StandardError.line("Error response from daemon: get \(name): no such volume")
                failed = true
            }
        }
        if let template {
            if try !InspectFormat.print(template, objects: found) { throw ExitCode(1) }
            if failed { throw ExitCode(1) }
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(found), as: UTF8.self))
        if failed { throw ExitCode(1) }
    }
}
