import FoundationEssentials

/// Builds a minimal root filesystem in a directory: /bin/busybox with a few applet links,
/// /etc/passwd and /etc/group. Tests use it as a single image layer (an overlayfs lowerdir).
public enum TinyRootfs {
    public static let applets = ["sh", "echo", "cat", "hostname", "true", "false", "sleep", "id", "ls",
                                 "mount", "readlink", "pwd", "env", "head", "dd", "touch", "test", "kill", "ps", "tail", "tr", "grep", "wc", "stat", "mkdir", "rm", "ln"]

    public static func make(at directory: String) throws {
        let files = FileManager.default
        for sub in ["bin", "etc", "root", "tmp", "home/app"] {
            try files.createDirectory(atPath: "\(directory)/\(sub)", withIntermediateDirectories: true)
        }
        try files.copyItem(atPath: "/bin/busybox", toPath: "\(directory)/bin/busybox")
        for applet in applets {
            try files.createSymbolicLink(atPath: "\(directory)/bin/\(applet)", withDestinationPath: "busybox")
        }
        try Data("""
        root:x:0:0:root:/root:/bin/sh
        app:x:1000:1000:app:/home/app:/bin/sh
        nobody:x:65534:65534:nobody:/nonexistent:/bin/false

        """.utf8).write(to: URL(fileURLWithPath: "\(directory)/etc/passwd"))
        try Data("""
        root:x:0:
        app:x:1000:
        extra:x:2000:app
        nogroup:x:65534:

        """.utf8).write(to: URL(fileURLWithPath: "\(directory)/etc/group"))
        try Data("not executable\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/bin/notexec"))
    }
}
