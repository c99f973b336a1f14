import HostSystem

/// How a process ended: defined in HostSystem (host programs end the same way), named here too
/// so every module that speaks to the kernel keeps calling it `ExitStatus`.
public typealias ExitStatus = HostSystem.ExitStatus
