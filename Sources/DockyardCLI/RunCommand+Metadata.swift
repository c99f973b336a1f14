import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import Glibc
import OCI

/// What describes the container rather than confines it: labels (`-l`, `--label-file`),
/// variables from a file (`--env-file`), ports it listens on (`--expose`), where its id is
/// written (`--cidfile`), which platform it is for (`--platform`), and which of its streams
/// `run` connects (`-a/--attach`).
extension RunCommand {
    /// Whether `run` connects `stream` ("stdin", "stdout" or "stderr"): all of them without `-a`.
    func attaches(_ stream: String) -> Bool {
        attach.isEmpty || attach.contains { $0.lowercased() == stream }
    }

    /// `--label-file` lines, then `-l` values; a key without `=` gets an empty value, as Docker's.
    func labels() throws -> [String: String] {
        var labels: [String: String] = [:]
        let lines = try labelFile.flatMap { try KeyValueFile.lines(of: $0) } + label
        for line in lines {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            labels[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return labels
    }

    /// `--env-file` lines, before `-e` values (which thus win); a bare KEY takes dockyard's own
    /// variable, and is left out when that is unset, as Docker's client does.
    func environment() throws -> [String] {
        try envFile.flatMap { try KeyValueFile.lines(of: $0) }.compactMap { line in
            if line.contains("=") { return line }
            return ProcessInfo.processInfo.environment[line].map { "\(line)=\($0)" }
        }
    }

    /// `--expose` as "80/tcp" entries, ranges expanded, in Docker's words when one is wrong.
    func exposedPorts() throws -> [String] {
        var ports: [String] = []
        for text in expose {
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let proto = parts.count > 1 ? String(parts[1]) : "tcp"
            let bounds = parts[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            for bound in bounds where UInt16(bound) == nil {
                throw ValidationError("invalid range format for --expose: \(text), error: strconv.ParseUint: parsing \"\(bound)\": invalid syntax")
            }
            let low = UInt16(bounds[0]) ?? 0, high = UInt16(bounds.last ?? bounds[0]) ?? 0
            guard low <= high, ["tcp", "udp", "sctp"].contains(proto) else {
                throw ValidationError("invalid range format for --expose: \(text), error: invalid range specified for port: \(parts[0])")
            }
            ports += (low...high).map { "\($0)/\(proto)" }
        }
        return ports
    }

    /// Dockyard runs an image's binaries on this machine's CPU, without emulation: the only
    /// platform it can run is the host's (`linux/amd64` here), which `--platform` may name.
    static func checkPlatform(_ text: String) throws {
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let host = Platform.host
        guard parts[0] == host.os, parts.count == 1 || Platform.goArchitecture(machine: parts[1]) == host.architecture,
              parts.count <= 3 else {
            throw ValidationError("--platform \(text): this host runs \(host.os)/\(host.architecture) containers only, and Dockyard runs images natively, without emulation")
        }
    }

    /// Creates `--cidfile` as Docker does: refused if it exists (another container may own it).
    /// Returns its descriptor, to which the id is written once the container exists.
    func openContainerIDFile() throws -> Int32? {
        guard let cidfile else { return nil }
        let fd = open(cidfile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            if errno == EEXIST {
                throw ValidationError("container ID file found, make sure the other container isn't running or delete \(cidfile)")
            }
            throw ValidationError("failed to create the container ID file: open \(cidfile): \(String(cString: strerror(errno)))")
        }
        return fd
    }
}

/// Docker's env-file format, also read for `--label-file`: one KEY=VALUE per line, blank lines
/// and lines starting with `#` skipped, leading spaces dropped, and a key with whitespace refused.
enum KeyValueFile {
    static func lines(of path: String) throws -> [String] {
        let text: String
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("open \(path): no such file or directory") }
        do { text = try FileBytes.text(ofFile: path) }
        catch { throw ValidationError("invalid env file (\(path)): \(error.reason)") }
        var result: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(raw.drop(while: { $0 == " " || $0 == "\t" }).drop(while: { $0 == "\u{FEFF}" }))
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let key = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if key.contains(where: \.isWhitespace) {
                throw ValidationError("invalid env file (\(path)): variable '\(key)' contains whitespaces")
            }
            result.append(line)
        }
        return result
    }
}
