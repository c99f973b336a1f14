import Explain

/// A step's cgroups as a tree: from the hierarchy's root down to the container's own cgroup, with
/// the files written there and their values in human units (`memory.limit_in_bytes = 64 MiB`),
/// and the moment the process is moved in. On cgroup v1 each controller is its own tree; only
/// the ones the step set a value in are drawn, the others named in one line. An OOM kill is
/// drawn at the memory limit it hit, and a fork bomb at the pids limit, with the kernel's count
/// of the forks it refused (pids.events).
struct CgroupPicture {
    var events: [Event]
    var text: SiteText

    /// One cgroup directory the step touched, with what was written in it, in order.
    struct Group {
        var path: String
        var controller: String?
        var version: Int
        var writes: [(file: String, value: String)] = []
        /// Counters read at exit that show a limit was hit (`pids.events`: `max`, N).
        var limitHits: [(file: String, counter: String, count: Int64)] = []
        /// How the process got in: its pid written to `cgroup.procs` by dockyard, or (v1) `0` written
        /// to `tasks` by the process itself (0 names the writing thread).
        var joins: [(file: String, value: String)] { writes.filter(Self.isJoin) }
        var settings: [(file: String, value: String)] { writes.filter { !Self.isJoin($0) } }
        static func isJoin(_ write: (file: String, value: String)) -> Bool {
            write.file == "cgroup.procs" || (write.file == "tasks" && write.value == "0")
        }
    }

    func groups() -> [Group] {
        var groups: [Group] = []
        func index(of directory: String) -> Int {
            if let found = groups.firstIndex(where: { $0.path == directory }) { return found }
            groups.append(Group(path: directory, controller: Self.controller(of: directory), version: directory.contains("/cgroup/unified") ? 2 : 1))
            return groups.count - 1
        }
        for event in events {
            switch event.kind {
            case let .cgroupCreated(path, version, controller):
                let i = index(of: path)
                groups[i].version = version
                groups[i].controller = controller ?? (version == 2 ? nil : groups[i].controller)
            case let .cgroupWritten(path, value):
                guard let slash = path.lastIndex(of: "/") else { continue }
                groups[index(of: String(path[..<slash]))].writes.append((String(path[path.index(after: slash)...]), value))
            case let .cgroupLimitHit(path, counter, count):
                guard let slash = path.lastIndex(of: "/"), let existing = groups.firstIndex(where: { $0.path == String(path[..<slash]) }) else { continue }
                groups[existing].limitHits.append((String(path[path.index(after: slash)...]), counter, count))
            default: continue
            }
        }
        return groups.filter { !$0.writes.isEmpty }
    }

    /// `/sys/fs/cgroup/memory/dockyard/…` → `memory` (v1); nil on a v2 path.
    static func controller(of path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count > 3, parts[0] == "sys", parts[1] == "fs", parts[2] == "cgroup", !path.hasPrefix("/sys/fs/cgroup/dockyard") else { return nil }
        return parts[3] == "unified" ? nil : String(parts[3])
    }

    /// One line of the picture: how deep in the tree, what it says, and how to draw it.
    struct Row {
        var depth: Int
        var label: String
        var value: String = ""
        var note: String = ""
        var style: String = ""
        var title: String?
    }

    func rows() -> [Row] {
        let groups = groups()
        let set = groups.filter { !$0.settings.isEmpty }
        let onlyDevices = set.allSatisfy { $0.controller == "devices" }
        // Docker's device rules come with every container: drawn only when they are the point.
        let focused = onlyDevices ? set : set.filter { $0.controller != "devices" }
        let drawn = focused.isEmpty ? Array(groups.prefix(1)) : focused
        let oom = events.contains { if case .exited(_, _, true) = $0.kind { true } else { false } }
        var rows: [Row] = []
        for group in drawn {
            let tree = branch(group.path)
            rows += tree
            let depth = (tree.last?.depth ?? 0) + 1
            var settings = group.settings
            if group.controller == "devices" && settings.count > 14 { settings = summarizeDevices(settings) }
            let width = settings.map(\.file.count).max() ?? 0
            for (file, value) in settings {
                let human = cpuQuota(file, value, in: group) ?? HumanUnits.cgroupValue(file: file, value: value)
                rows.append(Row(depth: depth, label: file + String(repeating: " ", count: width - file.count),
                                value: "= " + (human ?? value), note: human == nil ? "" : "(\(value))", style: "setting"))
            }
            for join in group.joins {
                rows.append(Row(depth: depth, label: join.file + String(repeating: " ", count: max(width - join.file.count, 0)),
                                value: "← \(join.value)", note: join.file == "tasks" ? text.joinedItself : text.movedIn, style: "moved"))
            }
            if oom, group.controller == "memory" || (group.version == 2 && group.settings.contains { $0.file == "memory.max" }) {
                rows.append(Row(depth: depth, label: "✗ " + text.oomHit, style: "oom"))
            }
            for hit in group.limitHits {
                rows.append(Row(depth: depth, label: "✗ \(hit.file) \(hit.counter)", value: "= \(hit.count)",
                                note: text.forksRefused(hit.count), style: "oom"))
            }
        }
        let undrawn = groups.filter { group in !drawn.contains { $0.path == group.path } }
        for devices in undrawn where devices.controller == "devices" && !devices.settings.isEmpty {
            rows.append(Row(depth: 0, label: text.devicesDefault(devices.settings.count), style: "muted"))
        }
        let others = undrawn.filter { $0.controller != "devices" || $0.settings.isEmpty }.compactMap(\.controller)
        if !others.isEmpty {
            rows.append(Row(depth: 0, label: text.alsoMovedIn(others.joined(separator: ", ")), style: "muted"))
        }
        return rows
    }

    /// The tree from the hierarchy's root down to `path`: `/sys/fs/cgroup/memory`, `dockyard/`, `3b7a…/`.
    private func branch(_ path: String) -> [Row] {
        let parts = path.split(separator: "/").map(String.init)
        let rootCount = parts.count > 3 && parts[3] != "dockyard" ? 4 : 3
        let root = "/" + parts.prefix(rootCount).joined(separator: "/")
        var rows = [Row(depth: 0, label: root, style: "dir")]
        for (depth, part) in parts.dropFirst(rootCount).enumerated() {
            let isLast = depth == parts.count - rootCount - 1
            rows.append(Row(depth: depth + 1, label: PicturePaths.shortID(part) + "/", note: isLast ? text.containersCgroup : "",
                            style: "dir", title: isLast ? path : nil))
        }
        return rows
    }

    /// Docker's device rules as two lines, when the step is about something else.
    private func summarizeDevices(_ settings: [(file: String, value: String)]) -> [(file: String, value: String)] {
        let allowed = settings.filter { $0.file == "devices.allow" }.map(\.value)
        var out = settings.filter { $0.file != "devices.allow" }
        if !allowed.isEmpty {
            out.append(("devices.allow", text.deviceRules(allowed.count, allowed.prefix(2).joined(separator: ", "))))
        }
        return out
    }

    /// v1's cpu.cfs_quota_us as CPUs, with the period written beside it.
    private func cpuQuota(_ file: String, _ value: String, in group: Group) -> String? {
        guard file == "cpu.cfs_quota_us", let quota = Double(value),
              let period = group.writes.first(where: { $0.file == "cpu.cfs_period_us" }).flatMap({ Double($0.value) }), period > 0 else { return nil }
        return HumanUnits.cpus(quota / period)
    }

    func render() -> String {
        let rows = rows()
        guard !rows.isEmpty else { return "" }
        let (rowHeight, indent, size) = (22.0, 18.0, 12.0)
        let labelWidth = rows.filter { $0.style == "setting" || $0.style == "moved" || $0.style == "dir" || ($0.style == "oom" && !$0.value.isEmpty) }.map { Double($0.depth) * indent + SVGCanvas.textWidth($0.label, size: size) }.max() ?? 0
        let valueX = 16 + labelWidth + 10
        let width = max(560, rows.map { row in
            max(valueX + SVGCanvas.textWidth(row.value + "  " + row.note, size: size),
                16 + Double(row.depth) * indent + SVGCanvas.textWidth(row.label + "  " + (row.value.isEmpty ? row.note : ""), size: size) + 8)
        }.max() ?? 0) + 16
        var svg = SVGCanvas(width: width, height: Double(rows.count) * rowHeight + 16)
        for (index, row) in rows.enumerated() {
            let y = 8 + Double(index) * rowHeight
            let x = 16 + Double(row.depth) * indent
            if row.depth > 0 && row.style == "dir" {
                svg.line(x - indent + 5, y - 4, x - indent + 5, y + 11, class: "tree")
                svg.line(x - indent + 5, y + 11, x - 3, y + 11, class: "tree")
            }
            if row.style == "setting" || row.style == "moved" || row.style == "oom" {
                svg.box(x - 4, y + 1, width - x - 8, rowHeight - 3, class: "row " + row.style, radius: 3)
            }
            let style = row.style == "dir" ? "dir" : row.style == "muted" ? "muted" : row.style == "oom" ? "bad strong" : ""
            svg.text(row.label, x, y + 15, class: style, size: size, title: row.title)
            if !row.value.isEmpty {
                let valueStyle = row.style == "moved" ? "moved strong" : "value strong"
                svg.text(row.value, valueX, y + 15, class: valueStyle, size: size)
                svg.text(row.note, valueX + SVGCanvas.textWidth(row.value + "  ", size: size), y + 15, class: "muted", size: size)
            } else if !row.note.isEmpty {
                svg.text(row.note, x + SVGCanvas.textWidth(row.label + "  ", size: size), y + 15, class: "muted", size: size)
            }
        }
        return PictureFigure.html(kind: "cgroups", caption: text.cgroups, svg: svg.render(title: text.cgroupsPictureTitle, class: "cgroups"))
    }
}
