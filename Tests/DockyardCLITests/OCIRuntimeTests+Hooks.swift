import Foundation
import Testing
import TestSupport

/// The hooks containerd's later calls run without reading the bundle again: kept in the
/// runtime's state at create, as runc keeps the config it created from.
extension OCIRuntimeTests {
    @Test("startContainer, poststart and poststop hooks run from the state kept at create, with the status of their moment")
    func laterHooks() throws {
        let bundle = try OCIBundle(args: ["sh", "-c", "sleep 0.3"], cgroupsPath: group)
        let seen = bundle.directory.appending("seen")
        func hook(_ name: String) -> [[String: Any]] { [["path": "/bin/sh", "args": ["sh", "-c", "cat > \(seen).\(name)"]]] }
        bundle.config["hooks"] = ["startContainer": hook("startContainer"), "poststart": hook("poststart"), "poststop": hook("poststop")]
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        // The bundle changes after create: runc's later commands use the config they created from, and so do these.
        bundle.config["hooks"] = [:]
        try bundle.write()
        #expect(try runtime(["start", id]).status == 0)
        #expect(Polling.until(seconds: 10) { (try? status()) == "stopped" })
        #expect(try runtime(["delete", id]).status == 0)
        func state(_ name: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(read(seen + "." + name).utf8)) as? [String: Any], "\(name) ran")
        }
        #expect(try state("startContainer")["status"] as? String == "created")
        #expect(try state("poststart")["status"] as? String == "running")
        #expect((try state("poststart")["pid"] as? Int ?? 0) > 0)
        #expect(try state("poststop")["status"] as? String == "stopped")
        #expect(try state("poststop")["id"] as? String == id)
    }
}
