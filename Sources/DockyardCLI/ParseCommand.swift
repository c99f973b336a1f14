import ArgumentParser
import DockerfileSyntax
import HostSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `dockyard parse`: shows how Docker reads a Dockerfile, instruction by instruction, with one
/// sentence on what each does to the image; or, with `--json`, the parsed instructions as JSON.
/// A file Docker would refuse gets a compiler-style error on stderr and exit status 1.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Show how a Dockerfile is read, instruction by instruction.")

    @Flag(name: .long, help: "Print the parsed instructions as JSON.") var json = false

    @Argument(help: "The Dockerfile to read (- for standard input).") var file: String

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file)
        } catch {
            FileBytes.writeError("dockyard parse: cannot read \(file): \(error.reason)\n")
            throw ExitCode(1)
        }
        let source: SourceFile
        let dockerfile: Dockerfile
        do {
            source = try SourceFile(bytes: bytes)
            dockerfile = try Dockerfile(source: source)
        } catch {
            let lines = try? SourceFile(bytes: bytes)
            FileBytes.writeError(error.rendered(fileName: file, source: lines))
            throw ExitCode(1)
        }
        if json {
            print(dockerfile.json.rendered())
        } else {
            print(Self.teachingView(dockerfile, fileName: file), terminator: "")
        }
    }

    /// The instructions in order, each with its line(s) and one sentence about its effect; a blank
    /// line before each FROM so stages stand apart.
    static func teachingView(_ dockerfile: Dockerfile, fileName: String) -> String {
        let stages = dockerfile.stages.count
        var header = "\(fileName): \(dockerfile.instructions.count) instruction\(dockerfile.instructions.count == 1 ? "" : "s"), "
        header += "\(stages) stage\(stages == 1 ? "" : "s")"
        var notes = ["escape \(dockerfile.directives.escape)"]
        if let syntax = dockerfile.directives.syntax { notes.append("syntax \(syntax)") }
        header += " (\(notes.joined(separator: ", ")))\n"

        let labels = dockerfile.instructions.map { $0.line == $0.endLine ? "line \($0.line)" : "lines \($0.line)-\($0.endLine)" }
        let width = (labels.map(\.count).max() ?? 0) + 2
        var out = header
        for (instruction, label) in zip(dockerfile.instructions, labels) {
            if instruction.keyword == .from { out += "\n" }
            let pad = String(repeating: " ", count: width - label.count)
            out += label + pad + summary(of: instruction) + "\n"
            out += String(repeating: " ", count: width) + "\(instruction.effect.rawValue): " + instruction.explanation + "\n"
        }
        return out
    }

    /// The instruction as written, on one line, shortened if long.
    private static func summary(of instruction: Instruction) -> String {
        let flattened = instruction.original.split(whereSeparator: { $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        let limit = 72
        guard flattened.count > limit else { return flattened }
        return String(flattened.prefix(limit - 1)) + "…"
    }
}

/// Reads a whole file (or standard input) with plain POSIX calls: no Foundation, so the command
/// starts fast.
enum FileBytes {
    struct Failure: Error {
        var reason: String
    }

    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        do { return try FileDescriptor(rawValue: fd).readAll(path: path) } catch { throw Failure(reason: error.reason) }
    }

    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
