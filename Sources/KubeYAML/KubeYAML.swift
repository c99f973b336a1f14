import KubeManifest
import Yams

/// A manifest file as `kube play` reads it: one or more YAML documents (separated by `---`), each
/// a `v1` Pod or an `apps/v1` Deployment, checked field by field before anything runs.
public enum KubeYAML {
    /// The pods the documents describe, in order (a Deployment gives its template's pod). Throws
    /// KubeManifestError naming the first field or document that cannot be played.
    public static func pods(yaml: String) throws -> [KubePod] {
        let nodes: [Node]
        do { nodes = Array(try compose_all(yaml: yaml)) } catch {
            throw KubeManifestError("", "cannot read the YAML: \(error)")
        }
        var pods: [KubePod] = []
        for (index, node) in nodes.enumerated() {
            if case .scalar = node, node.string?.isEmpty ?? true { continue }   // an empty document, e.g. after a final `---`
            let pod = try self.pod(node, document: index)
            try KubePodCheck.check(pod)
            pods.append(pod)
        }
        if pods.isEmpty { throw KubeManifestError("", "no Pod or Deployment in the file") }
        let names = pods.compactMap(\.metadata.name)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw KubeManifestError("metadata.name", "pod \"\(repeated)\" is defined twice")
        }
        return pods
    }

    private static func pod(_ node: Node, document: Int) throws -> KubePod {
        let kind = node["kind"]?.string ?? ""
        let apiVersion = node["apiVersion"]?.string ?? ""
        let schema: KubeFieldSchema
        switch (apiVersion, kind) {
        case ("v1", "Pod"): schema = .pod
        case ("apps/v1", "Deployment"): schema = .deployment
        default:
            throw KubeManifestError("document \(document + 1)", "kind \"\(kind)\" of apiVersion \"\(apiVersion)\" is not supported (v1 Pod and apps/v1 Deployment are)")
        }
        if let error = schema.firstUnsupported(in: node, path: "") { throw error }
        do {
            if kind == "Pod" { return try YAMLDecoder().decode(KubePod.self, from: node) }
            let deployment = try YAMLDecoder().decode(KubeDeployment.self, from: node)
            if let replicas = deployment.spec.replicas, replicas != 1 {
                throw KubeManifestError("spec.replicas", "\(replicas) is not supported (a local pod is one replica)")
            }
            return deployment.pod
        } catch let error as KubeManifestError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw KubeManifestError(path(context.codingPath + [key]), "is required")
        } catch let DecodingError.typeMismatch(_, context) {
            throw KubeManifestError(path(context.codingPath), "has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw KubeManifestError(path(context.codingPath), "is required")
        } catch {
            throw KubeManifestError("document \(document + 1)", "\(error)")
        }
    }

    /// A coding path in kubectl's spelling: `spec.containers[0].name`.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }
}
