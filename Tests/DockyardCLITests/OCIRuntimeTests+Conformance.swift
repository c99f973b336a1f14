import Foundation
import Testing
import TestSupport

/// What the runtime-tools validation suite found missing, pinned as runc behaves: the five
/// capability sets as written for any uid, a masked path the container does not have, a FIFO
/// device, and a relative masked path refused.
extension OCIRuntimeTests {
    /// Runs `probe` in a started container of `bundle`, returns its output lines, deletes it.
    func probeLines(_ bundle: OCIBundle) throws -> [String] {
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(try runtime(["start", id]).status == 0)
        #expect(Polling.until(seconds: 10) { read(output).contains("done") }, "\(read(output))")
        #expect(try runtime(["delete", "--force", id]).status == 0)
        return read(output).split(separator: "\n").map(String.init)
    }

    @Test("process.capabilities: all five sets as written, for a non-root user too (ambient ones survive its exec)")
    func capabilitySetsForAnyUser() throws {
        let bundle = try OCIBundle(args: ["sh", "-c", "grep ^Cap /proc/self/status; id -u; echo done"], cgroupsPath: group)
        bundle.edit("process") { process in
            let granted = ["CAP_KILL", "CAP_NET_BIND_SERVICE"]
            process["user"] = ["uid": 1000, "gid": 1000]
            process["capabilities"] = ["bounding": granted + ["CAP_CHOWN"], "effective": granted, "permitted": granted,
                                       "inheritable": granted, "ambient": granted]
        }
        // KILL is bit 5 (0x20), NET_BIND_SERVICE bit 10 (0x400), CHOWN bit 0.
        #expect(try probeLines(bundle) == [
            "CapInh:\t0000000000000420", "CapPrm:\t0000000000000420", "CapEff:\t0000000000000420",
            "CapBnd:\t0000000000000421", "CapAmb:\t0000000000000420", "1000", "done",
        ])
    }

    @Test("runc spec's capabilities (ambient listed, none inheritable) run as under runc: the ambient ones the kernel refuses are left out, CapAmb 0")
    func ambientWithoutInheritableAsRunc() throws {
        let bundle = try OCIBundle(args: ["sh", "-c", "grep ^Cap /proc/self/status; echo done"], cgroupsPath: group)
        bundle.edit("process") { process in
            let defaults = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
            process["capabilities"] = ["bounding": defaults, "effective": defaults, "permitted": defaults, "ambient": defaults]
        }
        // What runc 1.1.5 prints for `runc spec`'s config.json on this machine: AUDIT_WRITE is bit 29.
        #expect(try probeLines(bundle) == [
            "CapInh:\t0000000000000000", "CapPrm:\t0000000020000420", "CapEff:\t0000000020000420",
            "CapBnd:\t0000000020000420", "CapAmb:\t0000000000000000", "done",
        ])
    }

    @Test("a masked path under a masked directory is skipped, as runc skips ENOENT; a device of type p is a FIFO")
    func maskedSubpathAndFifo() throws {
        let bundle = try OCIBundle(args: ["sh", "-c", "ls -A /secret | wc -l; test -p /dev/pipe && echo fifo; echo done"],
                                   cgroupsPath: group)
        try bundle.directory.write("rootfs/secret/key", "not for the container")
        bundle.edit("linux") { linux in
            linux["maskedPaths"] = ["/secret", "/secret/key", "/not-there"]
            linux["devices"] = [["path": "/dev/pipe", "type": "p", "major": 0, "minor": 0, "fileMode": 0o666]]
        }
        #expect(try probeLines(bundle) == ["0", "fifo", "done"])
    }

    @Test("a relative masked path is refused by name, and nothing is left")
    func relativeMaskedPathRefused() throws {
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: group)
        bundle.edit("linux") { linux in linux["maskedPaths"] = ["masked-relpath"] }
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 1)
        #expect(read(output).contains("\"masked-relpath\" is not an absolute path"), "\(read(output))")
        #expect(!FileManager.default.fileExists(atPath: state.appending(id)))
        #expect(cgroupDirectories().isEmpty)
    }
}

extension OCIRuntimeTests {
    @Test("linux.uidMappings/gidMappings: a user namespace with the maps as written; its root cannot make devices or write the host-owned root")
    func userNamespaceMaps() throws {
        let probe = """
            cat /proc/self/uid_map /proc/self/gid_map | tr -s ' ' | sed 's/^ //'; id -u; \
            test -c /dev/null && echo null-bound; \
            mknod /dev/sda-copy b 8 0 2>/dev/null && echo made-disk || echo mknod-refused; \
            (touch /newfile) 2>/dev/null && echo wrote-root || echo root-refused; echo done
            """
        let bundle = try OCIBundle(args: ["sh", "-c", probe], cgroupsPath: group)
        // Container root is host uid 1000 here: it must be able to reach the rootfs, and cannot make
        // mount points in a root-owned one (a bundle for a user namespace has them, as the suite's does).
        chmod(bundle.path, 0o755)
        for mountPoint in ["proc", "dev", "sys"] {
            try FileManager.default.createDirectory(atPath: bundle.directory.appending("rootfs/" + mountPoint), withIntermediateDirectories: true)
        }
        bundle.edit("process") { process in
            let kept = ["CAP_MKNOD", "CAP_DAC_OVERRIDE", "CAP_CHOWN"]
            process["capabilities"] = ["bounding": kept, "effective": kept, "permitted": kept]
        }
        bundle.edit("linux") { linux in
            linux["namespaces"] = [["type": "user"], ["type": "pid"], ["type": "network"], ["type": "ipc"],
                                   ["type": "uts"], ["type": "mount"]]
            linux["uidMappings"] = [["containerID": 0, "hostID": 1000, "size": 2000]]
            linux["gidMappings"] = [["containerID": 0, "hostID": 1000, "size": 3000]]
        }
        #expect(try probeLines(bundle) == ["0 1000 2000", "0 1000 3000", "0", "null-bound", "mknod-refused", "root-refused", "done"])
        #expect(cgroupDirectories().isEmpty)
    }
}
