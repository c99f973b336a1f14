#if canImport(Glibc)
import Glibc
#endif

/// What a container's writable layer holds (a build step's, or `dockyard diff`'s), as `docker diff` prints it: `A` for a path the image did
/// not have, `C` for one it changed, `D` for one it deleted (an overlayfs whiteout, which becomes
/// an OCI `.wh.` file in the layer).
public enum LayerChanges {
    public static func list(upper: String, below: LayerStack) -> [String] {
        var changes: [String] = []
        walk(upper, relative: "", below: below, into: &changes)
        return changes
    }

    private static func walk(_ upper: String, relative: String, below: LayerStack, into changes: inout [String]) {
        for name in LayerStack.entries(of: upper + relative).sorted() {
            let path = relative + "/" + name
            var info = stat()
            guard lstat(upper + path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == 0 {
                changes.append("D " + path)
                continue
            }
            changes.append((below.item(at: path) == nil ? "A " : "C ") + path)
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(upper, relative: path, below: below, into: &changes)
            }
        }
    }
}
