import OCI

/// Which image of a multi-platform index to pull: the host's by default (`linux/amd64` here),
/// or what `--platform os/arch[/variant]` names. Attestation entries (`unknown/unknown`, which
/// BuildKit adds for provenance) are never chosen.
public struct PlatformChoice: Sendable, Equatable, CustomStringConvertible {
    public let os: String
    public let architecture: String
    public let variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// This machine.
    public static var host: PlatformChoice {
        let platform = Platform.host
        return PlatformChoice(os: platform.os, architecture: platform.architecture, variant: platform.variant)
    }

    /// Parses `linux/arm64`, `linux/arm/v7`, `amd64` (the host's OS assumed), as Docker does.
    public init(parsing text: String) throws(RegistryError) {
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw RegistryError(.platform, "invalid platform \"\(text)\": expected os/arch[/variant], e.g. linux/amd64 or linux/arm/v7")
        }
        if parts.count == 1 {
            self.init(os: Platform.host.os, architecture: Self.normalized(parts[0]))
        } else {
            self.init(os: parts[0], architecture: Self.normalized(parts[1]), variant: parts.count == 3 ? parts[2] : nil)
        }
    }

    public var description: String {
        "\(os)/\(architecture)" + (variant.map { "/" + $0 } ?? "")
    }

    /// containerd's aliases: `x86_64` is `amd64`, `aarch64` is `arm64`.
    static func normalized(_ architecture: String) -> String {
        switch architecture {
        case "x86_64", "x86-64": "amd64"
        case "aarch64": "arm64"
        default: architecture
        }
    }

    /// Does an index entry's platform match? A missing variant matches any (arm64's `v8` is implied).
    func matches(_ platform: Platform?) -> Bool {
        guard let platform else { return false }
        guard platform.os == os, Self.normalized(platform.architecture) == architecture else { return false }
        guard let variant else { return true }
        return platform.variant == variant || (platform.variant == nil && architecture == "arm64" && variant == "v8")
    }

    /// The entry to pull from an index, or an error listing what the index offers.
    func choose(from index: ImageIndex, reference: ImageReference) throws(RegistryError) -> Descriptor {
        let images = index.manifests.filter(\.isPlatformImage)
        if let chosen = images.first(where: { matches($0.platform) }) { return chosen }
        let offered = images.compactMap(\.platform).map { platform in
            "\(platform.os)/\(platform.architecture)" + (platform.variant.map { "/" + $0 } ?? "")
        }
        throw RegistryError(.platform, "no matching manifest for \(self) in the manifest list entries of \(reference): "
            + (offered.isEmpty ? "the index lists no platform" : "it has \(offered.joined(separator: ", "))"))
    }
}
