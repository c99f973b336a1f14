import ContainerRuntime
import FoundationEssentials
import HostSystem
import KubeManifest
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The `dockyard-kube` helper beside dockyard, which reads and writes manifests' YAML: run for
/// the `kube` verbs only, so the YAML library costs nothing at any other command's start.
enum KubeHelper {
    /// A refusal the helper gave: the field's path and why.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    static func path() throws -> String {
        let own = Daemon.ownExecutable
        let path = String(own[..<(own.lastIndex(of: "/") ?? own.startIndex)]) + "/dockyard-kube"
        guard access(path, X_OK) == 0 else {
            throw RuntimeError(code: .notFound, "kube needs dockyard-kube next to dockyard (\(path)): build it with `swift build --product dockyard-kube`")
        }
        return path
    }

    static func run(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let result = try HostProgram(try path(), arguments, input: input).run()
        guard result.exit.shellStatus == 0 else {
            let text = result.errorText
            throw Refusal(description: text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }
        return result.output
    }

    /// The manifest's pods, read and checked (a refusal names the field).
    static func pods(yaml: [UInt8]) throws -> [KubePod] {
        try JSONDecoder().decode([KubePod].self, from: Data(try run(["read"], input: yaml)))
    }

    /// `pod` as a v1 Pod manifest, in podman's shape.
    static func yaml(_ pod: KubePod, version: String) throws -> String {
        String(decoding: try run(["write", version], input: Array(try JSONEncoder().encode(pod))), as: UTF8.self)
    }
}
