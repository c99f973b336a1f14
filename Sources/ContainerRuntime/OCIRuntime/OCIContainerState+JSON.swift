import Explain
import OCI

/// state.json's bytes, written and read by hand: `start`, `state`, `kill` and `delete` each read it
/// once, and containerd calls them for every container, so reading it must cost little. Through
/// `JSONDecoder`, the first use of each `Codable` type is a search of the Swift runtime's
/// conformance tables; this is the same document for a few instructions a byte.
extension OCIContainerState {
    /// The document, one member a line.
    func stateFileBytes() -> [UInt8] {
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        func strings(_ items: [String]) -> String { list(items.map { JSONText.quoted($0) }) }
        let notes = annotations.sorted { $0.key < $1.key }.map { JSONText.quoted($0.key) + ": " + JSONText.quoted($0.value) }
        var lines = [
            "\"id\": " + JSONText.quoted(id),
            "\"pid\": \(pid)",
            "\"startTime\": \(startTime)",
            "\"bundle\": " + JSONText.quoted(bundle),
            "\"rootfs\": " + JSONText.quoted(rootfs),
            "\"created\": " + JSONText.quoted(created),
            "\"annotations\": {" + notes.joined(separator: ", ") + "}",
            "\"cgroupGroup\": " + JSONText.quoted(cgroupGroup),
            "\"cgroupPaths\": " + strings(cgroupPaths),
            "\"cpuset\": \(cpuset)",
            "\"blockIO\": \(blockIO)",
            "\"network\": \(network)",
        ]
        for (stage, hooks) in [("startContainer", laterHooks.startContainer), ("poststart", laterHooks.poststart),
                               ("poststop", laterHooks.poststop)] where !hooks.isEmpty {
            lines.append(JSONText.quoted(stage) + ": " + list(hooks.map(Self.hookText)))
        }
        return Array(("{\n  " + lines.joined(separator: ",\n  ") + "\n}\n").utf8)
    }

    /// One hook as config.json spells it.
    static func hookText(_ hook: RuntimeSpec.Hook) -> String {
        var members = ["\"path\": " + JSONText.quoted(hook.path)]
        if let args = hook.args { members.append("\"args\": [" + args.map { JSONText.quoted($0) }.joined(separator: ", ") + "]") }
        if let env = hook.env { members.append("\"env\": [" + env.map { JSONText.quoted($0) }.joined(separator: ", ") + "]") }
        if let timeout = hook.timeout { members.append("\"timeout\": \(timeout)") }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// The state `stateFileBytes` wrote; nil for anything else.
    init?(stateFile bytes: [UInt8]) {
        guard let json = JSONNode.parse(bytes) else { return nil }
        do throws(JSONNode.Mismatch) {
            let pid = try json.required("pid", JSONNode.int64)
            let startTime = try json.required("startTime", JSONNode.int64)
            guard let pid = Int32(exactly: pid), let startTime = UInt64(exactly: startTime) else { return nil }
            self.init(id: try json.required("id", JSONNode.string), pid: pid, startTime: startTime,
                      bundle: try json.required("bundle", JSONNode.string), rootfs: try json.required("rootfs", JSONNode.string),
                      created: try json.required("created", JSONNode.string),
                      annotations: try json.required("annotations", JSONNode.stringMap),
                      cgroupGroup: try json.required("cgroupGroup", JSONNode.string),
                      cgroupPaths: try json.required("cgroupPaths", JSONNode.strings),
                      cpuset: try json.required("cpuset", JSONNode.bool))
            blockIO = try json.optional("blockIO", JSONNode.bool) ?? false
            network = try json.optional("network", JSONNode.bool) ?? false
            let hooks = JSONNode.list(RuntimeSpec.Hook.init(json:))
            laterHooks = OCILaterHooks(startContainer: try json.optional("startContainer", hooks) ?? [],
                                       poststart: try json.optional("poststart", hooks) ?? [],
                                       poststop: try json.optional("poststop", hooks) ?? [])
        } catch { return nil }
    }
}
