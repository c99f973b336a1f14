import LinuxKernel

extension Kernel {
    /// Passes on the signals dockyard gets to `process` and relays its terminal or its streams
    /// until it exits; its exit status. A container's first process and an `exec`'d one end the
    /// same way.
    func runToExit(_ process: LaunchedProcess, relay: StreamRelay?, interactive: Bool, output: Int32? = nil) throws -> ExitStatus {
        forwardSignals(to: process.pid)
        defer { forwardSignals(to: nil) }
        if let terminal = process.terminal {
            TerminalRelay(primary: terminal).relay(interactive: interactive, output: output)
        } else if let relay {
            relay.containerHasItsEnds()
            relay.relay(untilExitOf: process.pid)
        }
        return try wait(pid: process.pid)
    }
}
