import ArgumentParser
import ContainerRuntime
import FoundationEssentials

/// `dockyard inspect`: print containers' records as JSON, like `docker inspect`.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect",
                                                    abstract: "Show low-level information on containers as JSON.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var names: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        var records: [ContainerRecord] = []
        var failed = false
        for name in names {
            do { records.append(try engine.containers.find(name)) } catch {
                StandardError.line("Error: \(error)")
                failed = true
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(records), as: UTF8.self))
        if failed { throw ExitCode(1) }
    }
}
