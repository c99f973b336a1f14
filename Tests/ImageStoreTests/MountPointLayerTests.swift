#if canImport(Glibc)
import Glibc
#endif
@testable import ImageStore
import OCI
import Testing
import TestSupport

/// The per-image layer of mount points (Docker's init layer): made only for what the image lacks,
/// never hiding what it has.
@Suite("Mount-point layer")
struct MountPointLayerTests {
    static let imageID = "sha256:" + String(repeating: "ab", count: 32)

    /// Layer directories, bottom first, each made from `paths` ("dir/", "file", "link->target").
    static func layers(_ dir: TemporaryDirectory, _ contents: [[String]], named name: String = "l") throws -> [String] {
        try contents.enumerated().map { index, paths in
            let layer = dir.appending("\(name)\(index)")
            mkdir(layer, 0o755)
            for path in paths {
                if let arrow = path.range(of: "->") {
                    symlink(String(path[arrow.upperBound...]), layer + "/" + path[..<arrow.lowerBound])
                } else if path.hasSuffix("/") {
                    mkdir(layer + "/" + path.dropLast(), 0o750)
                } else {
                    close(open(layer + "/" + path, O_WRONLY | O_CREAT, 0o644))
                }
            }
            return layer
        }
    }

    @Test("an image with /proc, /sys, /dev and all three /etc files needs no layer")
    func complete() throws {
        let dir = try TemporaryDirectory(prefix: "mountpoints")
        let lowerdirs = try Self.layers(dir, [["proc/", "sys/", "dev/", "etc/", "etc/hostname", "etc/hosts"], ["etc/", "etc/resolv.conf"]])
        #expect(!MountPointLayer.isNeeded(by: lowerdirs))
        let layer = try #require(MountPointLayer(imageID: Self.imageID, root: dir.path))
        #expect(layer.prepared(lowerdirs: lowerdirs) == nil)
        // Later runs learn it from the empty file left in the layer's place, without the layers.
        var info = stat()
        #expect(lstat(layer.directory, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(layer.prepared(lowerdirs: []) == nil)
        #expect(MountPointLayer.existing(imageID: Self.imageID, root: dir.path) == nil)
    }

    @Test("what the image lacks is made, under an /etc with the image's own mode, and rebuilt by no later run",
          .enabled(if: Privileges.isRoot, "the layer's directories are given the image's owners (chown)"))
    func missing() throws {
        let dir = try TemporaryDirectory(prefix: "mountpoints")
        let lowerdirs = try Self.layers(dir, [["proc/", "etc/", "etc/hosts"]])
        #expect(MountPointLayer.isNeeded(by: lowerdirs))
        let layer = try #require(MountPointLayer(imageID: Self.imageID, root: dir.path))
        #expect(layer.directory == dir.path + "/mount-points/" + String(repeating: "ab", count: 32))
        let made = try #require(layer.prepared(lowerdirs: lowerdirs))
        var info = stat()
        #expect(lstat(made + "/etc", &info) == 0 && info.st_mode & 0o7777 == 0o750)   // the image's /etc, not 0755
        for file in ["/etc/hostname", "/etc/resolv.conf"] {
            #expect(lstat(made + file, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_size == 0, "\(file)")
        }
        #expect(!FileSystem.exists(made + "/etc/hosts"))   // the image has it
        #expect(!FileSystem.exists(made + "/proc"))
        #expect(lstat(made + "/sys", &info) == 0 && info.st_mode & 0o7777 == 0o555)
        #expect(lstat(made + "/dev", &info) == 0 && info.st_mode & 0o7777 == 0o755)
        #expect(MountPointLayer.existing(imageID: Self.imageID, root: dir.path) == made)
        // A second run finds it and makes nothing.
        let marker = made + "/etc/hostname"
        chmod(marker, 0o600)
        #expect(layer.prepared(lowerdirs: lowerdirs) == made)
        #expect(lstat(marker, &info) == 0 && info.st_mode & 0o7777 == 0o600)
    }

    @Test("an /etc that is a symlink is never shadowed by a directory of ours")
    func symlinkedEtc() throws {
        let dir = try TemporaryDirectory(prefix: "mountpoints")
        let lowerdirs = try Self.layers(dir, [["proc/", "sys/", "dev/", "private/", "etc->private"]])
        #expect(!MountPointLayer.isNeeded(by: lowerdirs))
    }

    @Test("a build step's container (no image id) gets none")
    func noImage() throws {
        let dir = try TemporaryDirectory(prefix: "mountpoints")
        #expect(MountPointLayer(imageID: "", root: dir.path) == nil)
    }

    @Test("the layers of images that are gone are swept, those of live images stay; a copy a dead run left goes with the store's temporaries",
          .enabled(if: Privileges.isRoot, "the layer's directories are given the image's owners (chown)"))
    func sweep() throws {
        let dir = try TemporaryDirectory(prefix: "mountpoints")
        let lowerdirs = try Self.layers(dir, [[]])
        let kept = try #require(MountPointLayer(imageID: Self.imageID, root: dir.path)?.prepared(lowerdirs: lowerdirs))
        let goneID = "sha256:" + String(repeating: "cd", count: 32)
        let gone = try #require(MountPointLayer(imageID: goneID, root: dir.path)?.prepared(lowerdirs: lowerdirs))
        // An image that needs none leaves an empty file, which goes with it too.
        let noneID = "sha256:" + String(repeating: "ef", count: 32)
        let complete = try Self.layers(dir, [["proc/", "sys/", "dev/", "etc/", "etc/hostname", "etc/hosts", "etc/resolv.conf"]],
                                       named: "complete")
        let none = try #require(MountPointLayer(imageID: noneID, root: dir.path))
        #expect(none.prepared(lowerdirs: complete) == nil && FileSystem.exists(none.directory))
        let parent = MountPointLayer.parentDirectory(root: dir.path)
        let ours = parent + "/.tmp-\(getpid())-1"          // this process is alive: being made
        let dead = parent + "/.tmp-2147483646-1"            // no such process: left by a crash
        mkdir(ours, 0o755)
        mkdir(dead, 0o755)
        MountPointLayer.sweep(root: dir.path, keeping: [try Digest(parsing: Self.imageID)])
        #expect(FileSystem.exists(kept))
        #expect(!FileSystem.exists(gone))
        #expect(!FileSystem.exists(none.directory))
        #expect(FileSystem.exists(ours) && FileSystem.exists(dead))   // copies are the temporaries' sweep's
        try ImageStore(root: dir.path).removeAbandonedTemporaries()
        #expect(FileSystem.exists(ours))
        #expect(!FileSystem.exists(dead))
    }
}
