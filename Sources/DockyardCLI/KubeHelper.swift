import ContainerRuntime
import FoundationEssentials
import HostSystem
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
        try SiblingExecutable.path("dockyard-kube", neededBy: "kube")
    }

    static func run(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let result = try HostProgram(try path(), arguments, input: input).run()
        guard result.exit.shellStatus == 0 else {
            let text = result.errorText
            throw Refusal(description: text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }
        return result.output
    }

    /// The manifest's pods, read, checked and planned (a refusal names the field).
    static func plans(yaml: [UInt8]) throws -> [KubePlan] {
        guard let plans = KubePlan.list(json: try run(["read"], input: yaml)) else {
            throw RuntimeError(code: .system, "dockyard-kube answered something other than a list of pod plans")
        }
        return plans
    }

    /// A pod as a v1 Pod manifest, in podman's shape, from its records and its containers' images'
    /// defaults (`images`: name to entrypoint, command, environment, working directory).
    static func generate(pod: PodRecord, members: [ContainerRecord], images: [String: RunnableImage], version: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let defaults = images.mapValues {
            ImageDefaults(entrypoint: $0.entrypoint, command: $0.command, environment: $0.environment, workingDirectory: $0.workingDirectory)
        }
        var request = Data("{\"pod\":".utf8) + (try encoder.encode(pod))
        request += Data(",\"members\":".utf8) + (try encoder.encode(members))
        request += Data(",\"images\":".utf8) + (try encoder.encode(defaults)) + Data("}".utf8)
        return String(decoding: try run(["generate", version], input: Array(request)), as: UTF8.self)
    }

    /// An image's defaults as `dockyard-kube generate` reads them (its `GenerateRequest.ImageDefaults`).
    private struct ImageDefaults: Encodable {
        var entrypoint: [String]
        var command: [String]
        var environment: [String]
        var workingDirectory: String
    }
}
