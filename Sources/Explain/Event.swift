/// One kernel object being made, changed or removed, as the engine saw it happen.
///
/// Every effect Dockyard has on the kernel — a namespace, a cgroup file, a mount, an exec —
/// is reported once, as an `Event`, by the kernel seam. `--explain` prints these events, the
/// lesson player shows them beside each step, and the course site embeds recorded ones: there
/// is one source of truth for "what was created".
public struct Event: Sendable, Equatable, Codable {
    /// What happened.
    public var kind: Kind
    /// True when the simulated kernel produced this event: nothing was really created.
    public var simulated: Bool

    public init(_ kind: Kind, simulated: Bool = false) {
        self.kind = kind
        self.simulated = simulated
    }
}

extension Event {
    /// The kinds of kernel effect, in roughly the order a container's story tells them.
    public enum Kind: Sendable, Equatable, Codable {
        /// An image layer was unpacked to a directory that overlayfs can use as a lowerdir.
        case layerUnpacked(digest: String, directory: String, files: Int)
        /// A container's writable layer (overlayfs upperdir) and its workdir were made.
        case writableLayerCreated(upperdir: String, workdir: String)
        /// What a container changed in its writable layer, read from the upperdir once it exited,
        /// as `docker diff` shows it: A added, C changed, D deleted — a deletion is a whiteout,
        /// the 0/0 character device overlayfs puts in the upperdir to hide the file below.
        case writableLayerChanged(upperdir: String, changes: [String])
        /// A cgroup directory was made; `version` is 1 or 2; `controller` names the v1 hierarchy.
        case cgroupCreated(path: String, version: Int, controller: String?)
        /// A value was written to a cgroup control file (a limit, or a pid joining the group).
        case cgroupWritten(path: String, value: String)
        /// A cgroup directory was removed.
        case cgroupRemoved(path: String)
        /// A cgroup's event counter (a flat-keyed `*.events` file) shows its limit was hit:
        /// `pids.events` `max N` is how many forks the pids limit refused.
        case cgroupLimitHit(path: String, counter: String, count: Int64)
        /// clone(2) made a process in new namespaces.
        case processCloned(pid: Int32, flags: [String])
        /// A namespace the container lives in; inodes are what `readlink /proc/PID/ns/KIND` shows.
        case namespace(kind: String, containerInode: UInt64, hostInode: UInt64)
        /// The container process joined an existing namespace with setns(2).
        case namespaceJoined(kind: String, inode: UInt64)
        /// mount(2): a filesystem attached at `target` (inside the container's mount namespace).
        case mounted(type: String, source: String, target: String, options: [String])
        /// A device node was made with mknod(2).
        case deviceCreated(path: String, major: UInt32, minor: UInt32)
        /// A symbolic link was made (e.g. /dev/ptmx -> pts/ptmx).
        case symlinkCreated(path: String, target: String)
        /// pivot_root(2): the container's rootfs became `/`, and the old root was detached.
        case pivotRoot(newRoot: String)
        /// sethostname(2) inside the container's UTS namespace.
        case hostnameSet(String)
        /// A network interface was brought up or configured.
        case interfaceUp(name: String, namespace: String)
        /// A Linux bridge (a virtual switch) was made with its gateway address, and brought up.
        case bridgeCreated(name: String, index: Int64, address: String)
        /// A veth pair (a virtual cable) was made: `host` on `bridge`, `peer` inside the network
        /// namespace of `pid`; indexes are each end's ifindex in its own namespace.
        case vethCreated(host: String, hostIndex: Int64, peer: String, peerIndex: Int64, bridge: String, pid: Int32)
        /// An IPv4 address was put on an interface (RTM_NEWADDR).
        case addressAdded(interface: String, address: String, namespace: String)
        /// A route was added (RTM_NEWROUTE), e.g. the container's default route via its bridge.
        case routeAdded(destination: String, gateway: String, interface: String, namespace: String)
        /// A network interface was deleted (a veth pair, a bridge).
        case interfaceRemoved(name: String, what: String)
        /// A kernel setting under /proc/sys was written, e.g. net/ipv4/ip_forward.
        case sysctlWritten(key: String, value: String)
        /// An nftables command ran: a NAT table, a masquerade subnet, a published port.
        case netfilterChanged(command: String, purpose: String)
        /// An address was leased from (or given back to) a network's address pool.
        case addressLeased(address: String, network: String, released: Bool)
        /// A user-mode network helper started: a host program (pasta) that gives a container
        /// without a veth its network — a tap interface in the container's network namespace whose
        /// packets it turns into ordinary sockets on the host. `ports` are the ports it publishes
        /// (`127.0.0.1:8080 -> 80/tcp`).
        case networkHelperStarted(program: String, pid: Int32, arguments: [String], ports: [String])
        /// A user-mode network helper was stopped (SIGTERM), and is gone.
        case networkHelperStopped(program: String, pid: Int32)
        /// A file the engine wrote for the container, e.g. /etc/hosts.
        case fileWritten(path: String, purpose: String)
        /// The capability sets the process will exec with: `bounding` limits what it can ever
        /// gain, `effective` is what it holds (empty for a non-root user); `noNewPrivileges` is
        /// PR_SET_NO_NEW_PRIVS, under which a setuid binary grants nothing.
        case capabilities(bounding: [String], effective: [String], noNewPrivileges: Bool)
        /// A seccomp filter of `instructions` BPF instructions was installed. `rules` says what it
        /// does (the profile, its default, its argument-conditional rules, e.g. personality);
        /// `refused` lists calls the profile names that this process is refused (mount without
        /// CAP_SYS_ADMIN). Recordings made before the allow-list list the deny-list's calls.
        case seccompFilter(instructions: Int, refused: [String], rules: [String])
        /// execve(2) of the container's first process.
        case executed(argv: [String], env: [String], cwd: String, uid: UInt32, gid: UInt32)
        /// The container's first process ended.
        case exited(status: Int32, signal: Int32?, oomKilled: Bool)
        /// A signal was sent to the container's first process.
        case signalled(pid: Int32, signal: Int32)
        /// A directory the engine owned was removed (a writable layer, a container's state).
        case removed(path: String, what: String)
        /// A build step began: `[number/total] INSTRUCTION`.
        case buildStep(number: Int, total: Int, instruction: String)
        /// A build step's changes became a layer: its digest, size, and what it added (A),
        /// changed (C) and deleted (D, stored as a whiteout), as `docker diff` prints them.
        case layerCommitted(digest: String, size: Int64, changes: [String])
        /// A build step changed the image's config (ENV, CMD, USER, ...) without a layer.
        case configChanged(field: String, value: String)
        /// cgroup v2's devices controller: an eBPF program of `instructions` instructions was
        /// attached to the cgroup; it allows opening or making only the device nodes `rules`
        /// name (`c 1:3 rwm`: character device 1:3, read, write and mknod) and refuses the rest.
        case deviceFilterAttached(cgroup: String, instructions: Int, rules: [String])
        /// A user namespace's id map (`file` is uid_map or gid_map), one "inside outside count"
        /// line per range, and who wrote it: `newuidmap`/`newgidmap` (setuid helpers that grant
        /// the user's /etc/subuid range) or the process itself, which may map only its own id.
        case userNamespaceMapped(file: String, lines: [String], writer: String)
        /// Free text the story needs, e.g. "the command is not executed in a simulation".
        /// One HTTP request to a registry or token service and the status it got (pull, push, login).
        case httpExchange(method: String, url: String, status: Int, detail: String)
        /// A bearer token a token service granted: for which service and scope, valid how long.
        case registryToken(realm: String, service: String, scopes: [String], expiresIn: Int)
        /// Fetched content whose digest and size were checked before anything kept it:
        /// `what` is "index", "manifest", "config", "layer" or "diff_id".
        case contentVerified(what: String, digest: String, mediaType: String, size: Int64)
        /// A layer a pull did not fetch because the store already keeps a blob with its digest
        /// (Docker's "Already exists"): the digest alone proves it is the same content.
        case layerAlreadyStored(digest: String, mediaType: String, size: Int64)
        case note(String)
    }
}
