import Foundation
import KubeManifest
import KubeYAML

// dockyard-kube: Kubernetes manifests between YAML and the JSON of KubeManifest's types, for
// `dockyard kube`, which runs it from beside itself. YAML parsing (Yams, libyaml) lives here
// alone, so no other verb of dockyard loads it or searches its types at start-up.
//
//   dockyard-kube read               YAML on stdin -> a JSON array of play plans (KubePlayPlan) on stdout
//   dockyard-kube generate VERSION   a pod's records as JSON on stdin -> a v1 Pod manifest on stdout
// A manifest that cannot be played: its reason on stderr, naming the field, and status 1.

let input = FileHandle.standardInput.readDataToEndOfFile()
let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "read":
        let pods = try KubeYAML.pods(yaml: String(decoding: input, as: UTF8.self))
        FileHandle.standardOutput.write(try JSONEncoder().encode(try pods.map(KubePlayPlan.init)))
    case "generate":
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let request = try decoder.decode(GenerateRequest.self, from: input)
        let pod = KubePodDescription(pod: request.pod, members: request.members, images: request.images).manifest()
        let version = arguments.dropFirst().first ?? ""
        FileHandle.standardOutput.write(Data(try KubeManifestWriter.yaml(pod, version: version).utf8))
    default:
        FileHandle.standardError.write(Data("usage: dockyard-kube read | generate VERSION\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
