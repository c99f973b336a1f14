import ArgumentParser
import ContainerRuntime
import Explain
import FoundationEssentials
import ImageStore
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `build -o`: where BuildKit's exporters put a build's result besides the image store — the
/// final image's merged files (its layers as overlayfs shows them) as a directory on the host
/// (`type=local,dest=DIR`, or a bare `DIR`) or as one tar (`type=tar,dest=FILE`, `-` for stdout).
struct BuildOutput {
    enum Kind: String { case local, tar }
    var kind: Kind
    var destination: String

    init(parsing text: String) throws {
        guard text.contains("=") else {   // BuildKit's shorthand: `-o DIR`, or `-o -` for a tar on stdout
            kind = text == "-" ? .tar : .local
            destination = text
            return
        }
        var fields: [String: String] = [:]
        for field in text.split(separator: ",") {
            let pair = field.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw ValidationError("invalid value \"\(text)\" for \"-o, --output\" flag: \"\(field)\" is not KEY=VALUE") }
            fields[pair[0]] = pair[1]
        }
        guard let type = fields["type"].flatMap(Kind.init(rawValue:)) else {
            throw ValidationError("invalid value \"\(text)\" for \"-o, --output\" flag: type must be local or tar "
                                  + "(the image itself is always stored; push or save it from there)")
        }
        guard let dest = fields["dest"] ?? fields["destination"] else {
            throw ValidationError("invalid value \"\(text)\" for \"-o, --output\" flag: dest=PATH is required")
        }
        kind = type
        destination = dest
    }

    /// Writes the image's files to the destination.
    func write(_ image: StoredImage, store: ImageStore) throws {
        let layers = try store.unpackedLayers(of: image, events: DiscardingSink())
        let root = try DetachedOverlay.open(layers: layers)
        defer { close(root) }
        switch kind {
        case .tar:
            try RootfsExport.write(root: root, to: destination)
        case .local:
            // Through a tar, so the files land by the same rules as an unpacked layer.
            let staging = try StagingDirectory(in: store.root, for: "build-output")
            defer { staging.remove() }
            try RootfsExport.write(root: root, to: staging.path + "/image.tar")
            _ = try ArchiveExtraction.extractIfArchive(staging.path + "/image.tar", into: destination)
        }
    }
}
