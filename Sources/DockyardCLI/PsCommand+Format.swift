import ContainerRuntime
import FoundationEssentials
import GoTemplate

/// `ps --format`: each container as Docker's `ContainerContext` shows it to a template.
extension PsCommand {
    /// Docker's default `ps` table.
    static let defaultTable = #"table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"#
    /// With `-s`, Docker adds the SIZE column.
    static let defaultTableWithSize = defaultTable + #"\t{{.Size}}"#

    /// The column names `table` prints, by field (Docker's `containerCtx.Header`).
    static let header = TemplateObject([
        ("ID", "CONTAINER ID"), ("Names", "NAMES"), ("Image", "IMAGE"), ("Command", "COMMAND"),
        ("CreatedAt", "CREATED AT"), ("RunningFor", "CREATED"), ("Ports", "PORTS"), ("State", "STATE"),
        ("Status", "STATUS"), ("Size", "SIZE"), ("Labels", "LABELS"), ("Mounts", "MOUNTS"),
        ("LocalVolumes", "LOCAL VOLUMES"), ("Networks", "NETWORKS"),
    ].map { ($0.0, TemplateValue.string($0.1)) })

    static func row(_ record: ContainerRecord, truncate: Bool, now: Date = Date(), health: ContainerHealth? = nil,
                    size: String? = nil) -> TemplateValue {
        let command = truncate ? Self.truncate(record.config.commandLine, to: 20) : record.config.commandLine
        let created = Int64(record.created.timeIntervalSince1970)
        return formatRow([
            "ID": truncate ? record.id.short : record.id.full,
            "Names": record.name,
            "Image": record.config.image,
            "Command": GoQuote.quote(command),
            "CreatedAt": GoTime.string(seconds: created),
            "RunningFor": TimeAgo.ago(record.created, now: now),
            "Ports": record.publishedPorts.map(displayPort).joined(separator: ", "),
            "State": stateName(record.state),
            "Status": status(of: record, health: health),
            "Size": size ?? "0B",
            "Labels": "",
            "Mounts": record.config.mounts.filter { $0.kind != .tmpfs }.map(\.source).joined(separator: ","),
            "LocalVolumes": String(record.config.mounts.filter { $0.kind == .volume }.count),
            "Networks": record.config.network.rawValue,
        ])
    }

    /// Docker's `DisplayablePorts` for one mapping: `0.0.0.0:8080->80/tcp`.
    static func displayPort(_ port: PortMapping) -> String {
        "\(port.hostIP?.description ?? "0.0.0.0"):\(port.hostPort)->\(port.containerPort)/\(port.proto)"
    }

    /// Docker's `State` field: the state's name in the Engine API.
    static func stateName(_ state: ContainerState) -> String {
        switch state {
        case .created: "created"
        case .running: "running"
        case .paused: "paused"
        case .exited: "exited"
        }
    }
}
