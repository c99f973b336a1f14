#if canImport(Glibc)
import Glibc
#endif
import Explain
import ImageStore
import OCI
import Testing
import TestSupport

@Suite("The busybox base image")
struct BusyboxBaseTests {
    @Test("busybox:latest is made offline from /bin/busybox, the same digest every time",
          .enabled(if: Privileges.hasBusybox, "needs /bin/busybox from Debian's busybox-static"))
    func madeDeterministically() throws {
        let first = try TemporaryDirectory(prefix: "busybox1")
        let second = try TemporaryDirectory(prefix: "busybox2")
        let events = EventRecorder()
        let a = try ImageStore(root: first.path).resolve("busybox", events: events)
        let b = try ImageStore(root: second.path).ensureBusybox(events: DiscardingSink())
        #expect(a.manifestDigest == b.manifestDigest)
        #expect(a.id == b.id)
        #expect(a.reference?.description == "busybox:latest")
        #expect(a.config.config?.cmd == ["sh"])
        #expect(a.config.config?.env == ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(a.config.os == "linux")
        #expect(a.config.architecture == Platform.host.architecture)
        #expect(a.config.history?.count == 2)
        #expect(a.manifest.layers.count == 1)

        // Found again, not made again.
        let again = try ImageStore(root: first.path).resolve("busybox:latest", events: DiscardingSink())
        #expect(again.manifestDigest == a.manifestDigest)
    }

    @Test("the unpacked busybox layer has the binary, applet links, /etc/passwd and a sticky /tmp",
          .enabled(if: Privileges.hasBusybox, "needs /bin/busybox from Debian's busybox-static"))
    func unpacks() throws {
        let root = try TemporaryDirectory(prefix: "busybox-unpack")
        let store = try ImageStore(root: root.path)
        let image = try store.ensureBusybox(events: DiscardingSink())
        let events = EventRecorder()
        let layers = try store.unpackedLayers(of: image, events: events)
        #expect(layers.count == 1)
        #expect(events.events.count == 1)
        let dir = try #require(layers.first)
        #expect(dir == root.path + "/layers/" + image.config.rootfs.diffIDs[0].hex)
        var info = stat()
        #expect(stat(dir + "/bin/busybox", &info) == 0 && info.st_mode & 0o111 != 0)
        #expect(lstat(dir + "/bin/sh", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(lstat(dir + "/usr/bin/env", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(lstat(dir + "/tmp", &info) == 0 && info.st_mode & 0o7777 == 0o1777)
        #expect(lstat(dir + "/root", &info) == 0 && info.st_mode & 0o7777 == 0o700)
        let passwd = try TestFiles.readText(dir + "/etc/passwd")
        #expect(passwd.hasPrefix("root:x:0:0:root:/root:/bin/sh\n"))
        #expect(passwd.contains("nobody:x:65534:65534:"))

        // A second call reuses the directory and says nothing.
        let quiet = EventRecorder()
        #expect(try store.unpackedLayers(of: image, events: quiet) == layers)
        #expect(quiet.events.isEmpty)
    }
}
