import Foundation
import Testing
import TestSupport

/// Names and host names that would reach files (/etc/hosts, /etc/hostname) or tables (`ps`) are
/// checked first: a slash, "..", or a newline that forges a line is refused with status 125.
@Suite("Container names and host names", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct NameValidationTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "names")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("a container name with a slash, dots only, a newline or one character is refused with Docker's message",
          arguments: [("../../etc", "../../etc"), ("a/b", "a/b"), ("..", ".."), ("x\n6.6.6.6 evil", "x\\n6.6.6.6 evil"), ("a", "a")])
    func badNames(name: String, shown: String) throws {
        let result = try dockyard.run(["run", "--rm", "--network", "none", "--name", name, "busybox", "true"])
        #expect(result.status == 125)
        #expect(result.stderr.contains("Invalid container name (\(shown)), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"), "\(result.stderr)")
        #expect(try dockyard.run(["ps", "-a", "-q"]).stdout.isEmpty, "a refused run left a container behind")
    }

    @Test("a host name that is not RFC 1123 is refused, naming it with its newline escaped",
          arguments: [("x\n6.6.6.6 evil", "x\\n6.6.6.6 evil"), ("-bad", "-bad"), ("a..b", "a..b"), ("under_score", "under_score"),
                      (String(repeating: "a", count: 64), String(repeating: "a", count: 64))])
    func badHostnames(hostname: String, shown: String) throws {
        let result = try dockyard.run(["run", "--rm", "--network", "none", "--hostname=\(hostname)", "busybox", "true"])
        #expect(result.status == 125)
        #expect(result.stderr.contains("invalid hostname \"\(shown)\""), "\(result.stderr)")
    }

    @Test("good names and host names still work: --name web.1_a-b, -h my-host.example")
    func goodNames() throws {
        let result = try dockyard.run(["run", "--name", "/web.1_a-b", "-h", "my-host.example", "--network", "none",
                                       "busybox", "sh", "-c", "hostname; grep -c my-host.example /etc/hostname"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "my-host.example\n1\n")
        #expect(try dockyard.run(["ps", "-a"]).stdout.contains("web.1_a-b"))
        #expect(try dockyard.run(["rm", "web.1_a-b"]).status == 0)
    }

    @Test("a newline in a command line stays inside its row of ps")
    func psRows() throws {
        #expect(try dockyard.run(["run", "--name", "lines", "--network", "none", "busybox", "sh", "-c",
                                  "true\n: FAKE-ROW"]).status == 0)
        let table = try dockyard.run(["ps", "-a", "--no-trunc"]).stdout
        #expect(table.split(separator: "\n").count == 2, "\(table)")
        #expect(table.contains("true\\n: FAKE-ROW"))
    }
}
