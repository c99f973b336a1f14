import Foundation

/// A small static C program that tests run inside real containers to try what an attacker would
/// (open a device, reopen an inherited descriptor, make a refused system call) and print exactly
/// what the kernel answered. Its source is `Tests/Probes/NAME.c`; it is built with the host's C
/// compiler as a static binary, so it runs in any image, and bind-mounted read-only into the
/// container (`-v PATH:/probe:ro`). Built once per test process.
public enum ProbeProgram {
    nonisolated(unsafe) private static var built: [String: String] = [:]
    private static let lock = NSLock()

    /// The path of the built probe `name`; throws with the compiler's message when it fails.
    public static func path(_ name: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let path = built[name] { return path }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Probes/\(name).c").path
        let directory = NSTemporaryDirectory() + "dockyard-probes-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let output = "\(directory)/\(name)"
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/cc")
        compiler.arguments = ["-static", "-O2", "-Wall", "-o", output, source]
        let errors = Pipe()
        compiler.standardError = errors
        try compiler.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        compiler.waitUntilExit()
        guard compiler.terminationStatus == 0 else {
            throw ProbeError(message: "cc \(source) failed: \(message)")
        }
        built[name] = output
        return output
    }

    /// The `-v` flag that puts probe `name` at /probe in a container, read-only.
    public static func mountFlags(_ name: String) throws -> [String] {
        ["-v", "\(try path(name)):/probe:ro"]
    }
}

/// A probe that did not compile.
public struct ProbeError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
