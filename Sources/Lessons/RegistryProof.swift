/// What a registry client proved about a tag a registry serves, as the `in-registry` check reads
/// it from `dockyard lessons prove`: the manifest's digest (its bytes hashed as they came, and
/// equal to the registry's `Docker-Content-Digest`), the config and layers it names (each blob
/// fetched, hashed and counted, and kept nowhere), or the first object that failed and why.
public struct RegistryProof: Codable, Sendable {
    /// The object a failure is about.
    public enum Object: String, Codable, Sendable {
        /// Nothing answered `GET /v2/` as a registry.
        case registry
        case manifest, config, layer
    }

    /// Why an object failed, in the terms a learner can act on.
    public enum Reason: String, Codable, Sendable {
        /// No connection, or not a registry's answer.
        case unreachable
        /// 404: the registry has no such tag or blob.
        case missing
        /// The bytes do not hash to their digest, or are not of their size.
        case mismatch
        /// Any other refusal (an error status, an unreadable manifest, an index).
        case refused
    }

    public struct Failure: Codable, Sendable {
        public var object: Object
        /// The blob's digest, for a config or a layer.
        public var digest: String?
        public var reason: Reason
        /// The registry client's own words (English, as `dockyard pull` prints them).
        public var detail: String

        public init(object: Object, digest: String?, reason: Reason, detail: String) {
            (self.object, self.digest, self.reason, self.detail) = (object, digest, reason, detail)
        }
    }

    public var manifest: String?
    public var config: String?
    public var layers: [String]
    public var failure: Failure?

    public init(manifest: String, config: String, layers: [String]) {
        (self.manifest, self.config, self.layers, self.failure) = (manifest, config, layers, nil)
    }

    public init(failure: Failure) {
        (self.manifest, self.config, self.layers, self.failure) = (nil, nil, [], failure)
    }
}
