import HostSystem
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A program's working directory is the child's alone: the caller's own directory never moves,
/// so a program another thread starts at the same moment does not inherit it (a test that later
/// removed the directory left such programs failing getcwd).
@Suite("A spawned program's working directory")
struct HostProgramDirectoryTests {
    func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        return getcwd(&buffer, buffer.count) == nil ? "" : String(cString: buffer)
    }

    @Test("the child runs in its directory while the caller's directory stays where it was")
    func childOnly() throws {
        let before = currentDirectory()
        let result = try HostProgram("/bin/pwd", directory: "/tmp").run()
        #expect(result.outputText == "/tmp\n")
        #expect(currentDirectory() == before)
    }

    @Test("while many programs start in another directory, the caller's directory never changes")
    func neverMoves() async throws {
        let before = currentDirectory()
        async let spawned: Void = Task.detached {
            for _ in 0..<40 { _ = try? HostProgram("/bin/true", directory: "/tmp").run() }
        }.value
        var moved = false
        for _ in 0..<3000 {
            if currentDirectory() != before { moved = true }
            await Task.yield()
        }
        await spawned
        #expect(!moved)
    }

    @Test("a directory that does not exist is chdir's error, before anything starts")
    func missing() {
        #expect(throws: SystemCallError.self) { try HostProgram("/bin/true", directory: "/nonexistent-dockyard-dir").run() }
        do { _ = try HostProgram("/bin/true", directory: "/nonexistent-dockyard-dir").run() } catch {
            #expect(error.call == "chdir")
        }
    }
}
