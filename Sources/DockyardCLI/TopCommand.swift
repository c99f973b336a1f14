import ArgumentParser
import ContainerRuntime
import FoundationEssentials

/// `dockyard top`: the processes of a container, with their pids on the host and inside the
/// container's pid namespace — the same process seen from two namespaces.
struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "top", abstract: "Display the running processes of a container.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let record = try ContainerControl.find(container, in: engine)
        guard record.state.isRunning else {
            StandardError.line("Error response from daemon: Container \(record.id.full) is not running")
            throw ExitCode(1)
        }
        var rows = [["UID", "PID", "PPID", "CONTAINER PID", "CMD"]]
        for pid in engine.runner.cgroups.manager(for: record).processes(kernel: engine.kernel).sorted() {
            guard let status = Self.read("/proc/\(pid)/status") else { continue }
            let fields = Dictionary(status.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: ":", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), parts[1].trimmedSpaces) : nil
            }, uniquingKeysWith: { first, _ in first })
            // NSpid lists the pid in each pid namespace, outermost first: the last is the container's.
            let inside = fields["NSpid"]?.split(whereSeparator: { $0 == " " || $0 == "\t" }).last.map(String.init) ?? "?"
            let uid = fields["Uid"]?.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? "?"
            let command = Self.read("/proc/\(pid)/cmdline").map { $0.split(separator: "\0").joined(separator: " ") } ?? ""
            rows.append([uid, String(pid), fields["PPid"] ?? "?", inside, command.isEmpty ? "[\(fields["Name"] ?? "")]" : command])
        }
        print(Table.render(rows), terminator: "")
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
