import ContainerRuntime
import ImageStore

/// `ps -s`: a container's SIZE as Docker shows it, `2B (virtual 4.26MB)` — the bytes in its
/// writable layer (overlayfs upperdir), then those plus its image's.
struct PsSizes {
    let engine: Engine
    private let imageSizes: [String: Int64]

    init(engine: Engine) {
        self.engine = engine
        let images = (try? engine.images().catalog()) ?? []
        imageSizes = Dictionary(images.map { ($0.image.id.string, $0.image.size) }, uniquingKeysWith: { first, _ in first })
    }

    func size(of record: ContainerRecord) -> String {
        let writable = DirectorySize.bytes(under: engine.containers.paths(for: record.id).upperdir)
        let virtual = writable + (imageSizes[record.config.imageID] ?? 0)
        return DockerUnits.humanSize(writable) + " (virtual " + DockerUnits.humanSize(virtual) + ")"
    }
}
