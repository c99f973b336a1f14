import ArgumentParser
import Builder
import ContainerRuntime
import GoTemplate
import ImageStore

/// `dockyard system df`: how much disk images, containers, local volumes and the build cache
/// take, and how much of it a prune would give back — Docker's four rows.
struct SystemDfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "df", abstract: "Show docker disk usage.")

    @Option(name: .long, help: "Format output using a Go template, 'table' or 'json'.") var format: String?
    @OptionGroup var storage: StorageOptions

    static let defaultTable = #"table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"#
    static let header = TemplateObject([
        ("Type", "TYPE"), ("TotalCount", "TOTAL"), ("Active", "ACTIVE"), ("Size", "SIZE"), ("Reclaimable", "RECLAIMABLE"),
    ].map { ($0.0, TemplateValue.string($0.1)) })

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let usage = DiskUsage(engine: engine)
        try FormatOutput.print(format ?? "table", defaultTable: Self.defaultTable, rows: usage.rows.map(\.value),
                               header: Self.header, rowType: "*formatter.diskUsageContext")
    }
}

/// The four rows of `system df`, measured once.
struct DiskUsage {
    struct Row {
        var type: String
        var total: Int
        var active: Int
        var size: Int64
        var reclaimable: Int64
        /// Docker shows the share of a row's size a prune gives back, except for the build cache.
        var showsPercent = true

        var value: TemplateValue {
            let percent = showsPercent && size > 0 ? " (\(reclaimable * 100 / size)%)" : ""
            return formatRow(["Type": type, "TotalCount": String(total), "Active": String(active),
                              "Size": DockerUnits.humanSize(size),
                              "Reclaimable": DockerUnits.humanSize(reclaimable) + percent])
        }
    }

    var rows: [Row] = []

    init(engine: Engine) {
        let containers = engine.containers.all()
        let images = ((try? engine.images().catalog()) ?? []).map(\.image)
        let usedImages = Set(containers.map(\.config.imageID))
        // A layer shared by several images counts once; it is reclaimable when no used image has it.
        var layerSizes: [String: Int64] = [:]
        var usedLayers = Set<String>()
        for image in images {
            for layer in image.manifest.layers {
                layerSizes[layer.digest.string] = layer.size
                if usedImages.contains(image.id.string) { usedLayers.insert(layer.digest.string) }
            }
        }
        let imageBytes = layerSizes.values.reduce(0, +)
        let freeImageBytes = layerSizes.filter { !usedLayers.contains($0.key) }.values.reduce(0, +)
        rows.append(Row(type: "Images", total: images.count, active: images.filter { usedImages.contains($0.id.string) }.count,
                        size: imageBytes, reclaimable: freeImageBytes))

        let sizes = containers.map { DirectorySize.bytes(under: engine.containers.paths(for: $0.id).upperdir) }
        let stopped = zip(containers, sizes).filter { !$0.0.state.isRunning }.map(\.1).reduce(0, +)
        rows.append(Row(type: "Containers", total: containers.count, active: containers.filter(\.state.isRunning).count,
                        size: sizes.reduce(0, +), reclaimable: stopped))

        let volumes = VolumeStore(root: engine.root)
        let mounted = Set(containers.flatMap { $0.config.mounts.filter { $0.kind == .volume }.map(\.source) })
        let volumeSizes = volumes.all().map { ($0.name, volumes.size($0.name)) }
        rows.append(Row(type: "Local Volumes", total: volumeSizes.count, active: volumeSizes.filter { mounted.contains($0.0) }.count,
                        size: volumeSizes.map(\.1).reduce(0, +),
                        reclaimable: volumeSizes.filter { !mounted.contains($0.0) }.map(\.1).reduce(0, +)))

        // Cached steps whose layer no image has: what only the cache keeps.
        let cache = BuildCacheUsage.entries(root: engine.root)
        let cacheOnly = cache.filter { $0.layerDigest.map { layerSizes[$0] == nil } ?? false }.map(\.size).reduce(0, +)
        rows.append(Row(type: "Build Cache", total: cache.count, active: 0, size: cacheOnly, reclaimable: cacheOnly,
                        showsPercent: false))
    }
}
