import ArgumentParser
import ContainerRuntime
import GoTemplate

/// `dockyard volume ls`: every named volume, as `docker volume ls` prints them.
struct VolumeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List volumes.", aliases: ["list"])

    @Flag(name: [.short, .long], help: "Only display volume names.") var quiet = false
    @Option(name: .long, help: "Format output using a Go template, 'table' or 'json'.") var format: String?
    @OptionGroup var storage: StorageOptions

    /// Docker's default `volume ls` table, and its column names by field (`volumeHeader`).
    static let defaultTable = #"table {{.Driver}}\t{{.Name}}"#
    static let header = TemplateObject([
        ("Name", "VOLUME NAME"), ("Driver", "DRIVER"), ("Scope", "SCOPE"), ("Mountpoint", "MOUNTPOINT"),
        ("Labels", "LABELS"), ("Links", "LINKS"), ("Size", "SIZE"),
    ].map { ($0.0, TemplateValue.string($0.1)) })

    func run() throws {
        let store = VolumeStore(root: storage.resolvedRoot)
        let volumes = store.all()
        let rows = volumes.map { volume in
            formatRow(["Name": volume.name, "Driver": volume.driver, "Scope": volume.scope, "Mountpoint": volume.mountpoint,
                       "Labels": VolumeStore.isAnonymousName(volume.name) ? "com.docker.volume.anonymous=" : "",
                       "Links": "N/A", "Size": "N/A"])
        }
        try FormatOutput.print(quiet && format == nil ? "{{.Name}}" : format ?? "table", defaultTable: Self.defaultTable,
                               rows: rows, header: Self.header, rowType: "*formatter.volumeContext")
    }
}
