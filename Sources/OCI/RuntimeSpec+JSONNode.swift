// The parts of a bundle's config.json that a runtime keeps after `create`, read from a `JSONNode`
// tree as their `Decodable` conformances read them (same keys, absent and null optional members both
// nil): the OCI runtime keeps the hooks of the container's later life in its own state, so `start`
// and `delete` need not decode the whole bundle again (runc likewise keeps the config it created from).

extension RuntimeSpec.Hook: JSONNodeReadable {
    public init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(path: try json.required("path", JSONNode.string),
                      args: try json.optional("args", JSONNode.strings),
                      env: try json.optional("env", JSONNode.strings),
                      timeout: try json.optional("timeout", JSONNode.int))
        } catch { return nil }
    }
}
