// The image documents `run` reads at every start, read from a `JSONNode` tree exactly as their
// `Decodable` conformances read them (same keys, absent and null optional members both nil, unknown
// members ignored). Anything these readers are unsure of goes to `JSONDecoder` instead: see
// `CanonicalJSON.decode`.

extension Digest {
    static func read(_ node: JSONNode) -> Digest? {
        node.string.flatMap { try? Digest(parsing: $0) }
    }
}

extension Platform: JSONNodeReadable {
    public init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(architecture: try json.required("architecture", JSONNode.string),
                      os: try json.required("os", JSONNode.string),
                      variant: try json.optional("variant", JSONNode.string))
        } catch { return nil }
    }
}

extension Descriptor: JSONNodeReadable {
    public init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(mediaType: try json.required("mediaType", JSONNode.string),
                      digest: try json.required("digest", Digest.read),
                      size: try json.required("size", JSONNode.int64),
                      annotations: try json.optional("annotations", JSONNode.stringMap),
                      platform: try json.optional("platform", Platform.init(json:)))
        } catch { return nil }
    }
}

extension ImageIndex: JSONNodeReadable {
    public init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(manifests: try json.required("manifests", JSONNode.list(Descriptor.init(json:))),
                      annotations: try json.optional("annotations", JSONNode.stringMap))
            schemaVersion = try json.required("schemaVersion", JSONNode.int)
            mediaType = try json.optional("mediaType", JSONNode.string)
        } catch { return nil }
    }
}

extension ImageManifest: JSONNodeReadable {
    public init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(config: try json.required("config", Descriptor.init(json:)),
                      layers: try json.required("layers", JSONNode.list(Descriptor.init(json:))),
                      annotations: try json.optional("annotations", JSONNode.stringMap))
            schemaVersion = try json.required("schemaVersion", JSONNode.int)
            mediaType = try json.optional("mediaType", JSONNode.string)
        } catch { return nil }
    }
}

extension ImageConfiguration: JSONNodeReadable {
    public init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(created: try json.optional("created", JSONNode.string),
                      author: try json.optional("author", JSONNode.string),
                      architecture: try json.required("architecture", JSONNode.string),
                      os: try json.required("os", JSONNode.string),
                      variant: try json.optional("variant", JSONNode.string),
                      config: try json.optional("config", ContainerConfig.init(json:)),
                      rootfs: try json.required("rootfs", RootFS.init(json:)),
                      history: try json.optional("history", JSONNode.list(History.init(json:))))
        } catch { return nil }
    }
}

extension ImageConfiguration.RootFS {
    init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(diffIDs: try json.required("diff_ids", JSONNode.list(Digest.read)))
            type = try json.required("type", JSONNode.string)
        } catch { return nil }
    }
}

extension ImageConfiguration.History {
    init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(created: try json.optional("created", JSONNode.string),
                      createdBy: try json.optional("created_by", JSONNode.string),
                      author: try json.optional("author", JSONNode.string),
                      comment: try json.optional("comment", JSONNode.string),
                      emptyLayer: try json.optional("empty_layer", JSONNode.bool))
        } catch { return nil }
    }
}

extension ContainerConfig {
    init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(user: try json.optional("User", JSONNode.string),
                      exposedPorts: try json.optional("ExposedPorts", Self.keysOfObjects),
                      env: try json.optional("Env", JSONNode.strings),
                      entrypoint: try json.optional("Entrypoint", JSONNode.strings),
                      cmd: try json.optional("Cmd", JSONNode.strings),
                      volumes: try json.optional("Volumes", Self.keysOfObjects),
                      workingDir: try json.optional("WorkingDir", JSONNode.string),
                      labels: try json.optional("Labels", JSONNode.stringMap),
                      stopSignal: try json.optional("StopSignal", JSONNode.string))
            argsEscaped = try json.optional("ArgsEscaped", JSONNode.bool)
            healthcheck = try json.optional("Healthcheck", Healthcheck.init(json:))
            onBuild = try json.optional("OnBuild", JSONNode.strings)
            shell = try json.optional("Shell", JSONNode.strings)
        } catch { return nil }
    }

    /// `ExposedPorts` and `Volumes`: an object of `{}` values, as its sorted keys (any object
    /// value is accepted, as the empty `Decodable` struct accepts it).
    private static func keysOfObjects(_ node: JSONNode) -> [String]? {
        guard let members = node.members, members.allSatisfy({ $0.1.members != nil }) else { return nil }
        return members.map(\.0).sorted()
    }
}

extension ContainerConfig.Healthcheck {
    init?(json: JSONNode) {
        do throws(JSONNode.Mismatch) {
            self.init(test: try json.optional("Test", JSONNode.strings),
                      interval: try json.optional("Interval", JSONNode.int64),
                      timeout: try json.optional("Timeout", JSONNode.int64),
                      startPeriod: try json.optional("StartPeriod", JSONNode.int64),
                      retries: try json.optional("Retries", JSONNode.int))
        } catch { return nil }
    }
}
