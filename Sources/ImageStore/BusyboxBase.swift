import Explain
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// The `busybox:latest` base image, made offline from Debian's busybox-static: one static binary
/// that is every Unix tool at once, a link for each tool name, and just enough of /etc for users.
///
/// It is deterministic: every time and owner in the layer comes from the binary itself (its
/// mtime), so the same busybox binary always gives the same image digest.
enum BusyboxBase {
    static let name = "busybox"
    static let binary = "/bin/busybox"

    static let passwd = """
        root:x:0:0:root:/root:/bin/sh
        daemon:x:1:1:daemon:/usr/sbin:/bin/false
        bin:x:2:2:bin:/bin:/bin/false
        sys:x:3:3:sys:/dev:/bin/false
        sync:x:4:100:sync:/bin:/bin/sync
        mail:x:8:8:mail:/var/spool/mail:/bin/false
        www-data:x:33:33:www-data:/var/www:/bin/false
        operator:x:37:37:Operator:/var:/bin/false
        nobody:x:65534:65534:nobody:/home:/bin/false

        """

    static let group = """
        root:x:0:
        daemon:x:1:
        bin:x:2:
        sys:x:3:
        adm:x:4:
        tty:x:5:
        disk:x:6:
        wheel:x:10:root
        mail:x:8:
        www-data:x:33:
        operator:x:37:
        staff:x:50:
        users:x:100:
        nogroup:x:65534:

        """

    /// Empty directories every container expects, with their modes.
    static let directories: [(String, UInt32)] = [
        ("bin", 0o755), ("dev", 0o755), ("etc", 0o755), ("home", 0o755), ("proc", 0o555),
        ("root", 0o700), ("sbin", 0o755), ("sys", 0o555), ("tmp", 0o1777), ("usr", 0o755),
        ("usr/bin", 0o755), ("usr/sbin", 0o755), ("var", 0o755), ("var/spool", 0o755),
        ("var/spool/mail", 0o755), ("var/www", 0o755),
    ]

    static let environment = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]

    /// The layer's entries, sorted by path so the tarball is the same every time.
    static func entries(binarySize: Int64, modificationTime: Int64, applets: [String]) -> [LayerEntry] {
        var entries: [LayerEntry] = directories.map { path, mode in
            LayerEntry(path: path, kind: .directory, permissions: mode, modificationTime: modificationTime)
        }
        entries.append(LayerEntry(path: "bin/busybox", kind: .regularFile(.file(path: binary, size: binarySize)),
                                  permissions: 0o755, modificationTime: modificationTime))
        entries.append(LayerEntry(path: "etc/passwd", kind: .regularFile(.bytes(Array(passwd.utf8))),
                                  permissions: 0o644, modificationTime: modificationTime))
        entries.append(LayerEntry(path: "etc/group", kind: .regularFile(.bytes(Array(group.utf8))),
                                  permissions: 0o644, modificationTime: modificationTime))
        var seen = Set(entries.map(\.path))
        for applet in applets where seen.insert(applet).inserted {
            // A symlink to the one binary: busybox looks at the name it was run as.
            entries.append(LayerEntry(path: applet, kind: .symlink(target: "/" + "bin/busybox"),
                                      permissions: 0o777, modificationTime: modificationTime))
        }
        return entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Applet paths from `busybox --list-full` (`usr/bin/env`, …), only those in directories the
    /// layer has, never the binary itself, never anything that climbs out.
    static func applets(from listing: String) -> [String] {
        let known = Set(directories.map(\.0))
        return listing.split(whereSeparator: \.isNewline).map(String.init).filter { path in
            guard let slash = path.lastIndex(of: "/"), path != "bin/busybox",
                  !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { return false }
            return known.contains(String(path[..<slash]))
        }
    }
}

extension ImageStore {
    /// `busybox:latest`, made on first use from the host's `/bin/busybox` (Debian's busybox-static).
    /// Returns the stored image when it already exists.
    public func ensureBusybox(events: any EventSink) throws -> StoredImage {
        let reference = try ImageReference(name: BusyboxBase.name)
        if let existing = try image(reference) { return existing }

        var info = stat()
        guard stat(BusyboxBase.binary, &info) == 0, UInt32(info.st_mode) & FileType.mask == FileType.regular else {
            throw ImageStoreError(.busyboxMissing,
                "the busybox base image is made from \(BusyboxBase.binary), which is missing: run `apt-get install busybox-static` (or scripts/install-deps)")
        }
        let modificationTime = Int64(info.st_mtim.tv_sec)
        let applets = BusyboxBase.applets(from: try HostCommand.output(BusyboxBase.binary, ["--list-full"]))
        let version = (try? HostCommand.output(BusyboxBase.binary, ["--help"]))
            .flatMap { $0.split(whereSeparator: \.isNewline).first.map(String.init) } ?? "BusyBox"

        let layer = try writeLayer(entries: BusyboxBase.entries(
            binarySize: Int64(info.st_size), modificationTime: modificationTime, applets: applets))
        let created = Timestamp.string(seconds: modificationTime)
        let platform = Platform.host
        let config = ImageConfiguration(
            created: created, architecture: platform.architecture, os: platform.os,
            config: ContainerConfig(env: BusyboxBase.environment, cmd: ["sh"]),
            rootfs: .init(diffIDs: [layer.diffID]),
            history: [
                .init(created: created, createdBy: "dockyard: ADD \(BusyboxBase.binary) (\(version)), \(applets.count) applet links, /etc/passwd, /etc/group"),
                .init(created: created, createdBy: "CMD [\"sh\"]", emptyLayer: true),
            ])
        events.emit(Event(.note("made the busybox base image from \(BusyboxBase.binary): layer \(layer.diffID.shortID), \(applets.count) applet links")))
        return try commit(config: config, layers: [layer.descriptor], tags: [reference])
    }
}
