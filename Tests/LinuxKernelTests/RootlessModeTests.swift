import LinuxKernel
import Testing

/// The pure parts of rootless mode: id maps as the kernel prints them, /etc/subuid lines, and
/// telling root from rootless by the maps.
struct RootlessModeTests {
    @Test("an id map parses the kernel's padded columns and answers which outside id an inside id is")
    func idMapParsing() throws {
        let map = try #require(IDMap(parsing: "         0       1001          1\n         1     100000      65536\n"))
        #expect(map.ranges == [.init(inside: 0, outside: 1001, count: 1), .init(inside: 1, outside: 100000, count: 65536)])
        #expect(map.outside(of: 0) == 1001)
        #expect(map.outside(of: 1) == 100000)
        #expect(map.outside(of: 1000) == 100999)
        #expect(map.outside(of: 65536) == 165535)
        #expect(map.outside(of: 65537) == nil)
        #expect(map.size == 65537)
        #expect(map.description == "0 1001 1\n1 100000 65536")
        #expect(!map.isIdentity)
        #expect(IDMap(parsing: "0 0 4294967295\n")?.isIdentity == true)
        #expect(IDMap(parsing: "") == nil)
        #expect(IDMap(parsing: "0 1001\n") == nil)
    }

    @Test("a subordinate range is found by user name or by uid, skipping comments and malformed lines")
    func subordinateIDs() {
        let file = "# ranges\nalice:100000:65536\nbroken:line\n1002:165536:65536\nzero:200000:0\n"
        #expect(SubordinateIDs.find(user: "alice", id: 1001, in: file) == SubordinateIDs(start: 100000, count: 65536))
        #expect(SubordinateIDs.find(user: "bob", id: 1002, in: file) == SubordinateIDs(start: 165536, count: 65536))
        #expect(SubordinateIDs.find(user: "zero", id: 1003, in: file) == nil)
        #expect(SubordinateIDs.find(user: nil, id: 1004, in: file) == nil)
        #expect(SubordinateIDs(start: 100000, count: 65536).map(own: 1001).description == "0 1001 1\n1 100000 65536")
    }

    @Test("the identity map is root; any other map is rootless, with the user's host uid")
    func modeFromMaps() {
        #expect(PrivilegeMode.detect(uidMap: "0 0 4294967295\n", gidMap: "0 0 4294967295\n") == .root)
        #expect(PrivilegeMode.detect(uidMap: nil, gidMap: nil) == .root)
        let mode = PrivilegeMode.detect(uidMap: "0 1001 1\n1 100000 65536\n", gidMap: "0 1001 1\n")
        #expect(mode.isRootless && mode.name == "rootless")
        #expect(mode.rootlessNamespace?.hostUID == 1001)
        #expect(mode.rootlessNamespace?.hasSubordinateIDs == false)   // the gid map holds one id
    }
}
