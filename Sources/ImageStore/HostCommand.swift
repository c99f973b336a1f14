import HostSystem

/// Runs a program on the host and returns its standard output, e.g. `busybox --list-full`:
/// HostSystem's `HostProgram`, with the store's errors and a failed exit counted as an error.
enum HostCommand {
    static func output(_ executable: String, _ arguments: [String]) throws(ImageStoreError) -> String {
        let result: HostProgram.Result
        do {
            result = try HostProgram(executable, arguments).run()
        } catch {
            throw ImageStoreError(error)
        }
        guard result.waitStatus == 0 else {
            throw ImageStoreError(.system, "\(([executable] + arguments).joined(separator: " ")) failed (wait status \(result.waitStatus))")
        }
        return result.outputText
    }
}
