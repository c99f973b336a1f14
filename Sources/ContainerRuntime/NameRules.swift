/// The rules for the names a container is known by, checked before they reach a file or a table:
/// a container's name becomes a line in `ps` and in peers' /etc/hosts, and its host name is
/// written to /etc/hostname and /etc/hosts, where a newline would add a line of the user's
/// choosing (`-h $'x\n6.6.6.6 evil'`). Docker checks container names; it does not check host
/// names, and Dockyard does.
public enum NameRules {
    /// Docker's rule for container names, `^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$`: the name without its
    /// optional leading "/", or an error with Docker's message.
    public static func containerName(_ name: String) throws(RuntimeError) -> String {
        let bare = name.hasPrefix("/") ? String(name.dropFirst()) : name
        guard isDockerName(bare) else {
            throw RuntimeError(code: .invalidArgument, "Invalid container name (\(printable(name))), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
        }
        return bare
    }

    /// A host name as RFC 1123 allows it: dot-separated labels of 1 to 63 letters, digits and
    /// '-', none starting or ending with '-'; at most 64 characters in all, the kernel's limit for
    /// a UTS name (sethostname(2) refuses a longer one with EINVAL).
    public static func hostname(_ name: String) throws(RuntimeError) {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !name.isEmpty && name.unicodeScalars.count <= 64 && labels.allSatisfy { label in
            let scalars = Array(label.unicodeScalars)
            guard let first = scalars.first, let last = scalars.last, scalars.count <= 63 else { return false }
            return first != "-" && last != "-" && scalars.allSatisfy { isAlphanumeric($0) || $0 == "-" }
        }
        guard valid else {
            throw RuntimeError(code: .invalidArgument, "invalid hostname \"\(printable(name))\": use dot-separated labels of 1 to 63 letters, digits and '-' (not first or last), at most 64 characters in all")
        }
    }

    /// `text` with control characters escaped (`\n`, `\u{1B}`), so that an error message or a
    /// table cell that shows a user's value stays on one line and cannot forge another.
    public static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Docker's one rule for the names of containers, volumes and networks: `[a-zA-Z0-9]` then
    /// `[a-zA-Z0-9_.-]`, at least `minimumLength` characters (2, but a network's may be 1).
    public static func isDockerName(_ name: String, minimumLength: Int = 2) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= minimumLength, let first = scalars.first, isAlphanumeric(first) else { return false }
        return scalars.allSatisfy { isAlphanumeric($0) || "_.-".unicodeScalars.contains($0) }
    }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }
}
