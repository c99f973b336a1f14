# gdb script: prints each protocol-conformance scan the Swift runtime makes, with the type, the
# protocol and the Swift functions that asked. A scan is a cache miss: the runtime walks every
# conformance record in the binary (~8,000 here, ~230 k instructions), and `run` pays each one at
# every start (docs/run-hot-path.md). Loaded by scripts/conformance-scans.
import gdb

OUTER = "_ZL52swift_conformsToProtocolMaybeInstantiateSuperclassesPKN5swift14TargetMetadataINS_9InProcessEEEPKNS_24TargetProtocolDescriptorIS1_EEb"
# The per-record lambda inside the scan: its first call after OUTER's entry means a scan began.
RECORD = ("_ZZZL52swift_conformsToProtocolMaybeInstantiateSuperclassesPKN5swift14TargetMetadataINS_9InProcessEEE"
          "PKNS_24TargetProtocolDescriptorIS1_EEbENK3$_2clERKN12_GLOBAL__N_118ConformanceSectionEENKUlRKNS_35"
          "TargetProtocolConformanceDescriptorIS1_EEE_clESH_")
DEPTH = 4
state = {"type": 0, "protocol": 0, "told": True}


def memory(address, size):
    return gdb.selected_inferior().read_memory(address, size).tobytes()


def word(address, size=8, signed=False):
    return int.from_bytes(memory(address, size), "little", signed=signed)


def c_string(address):
    return memory(address, 96).split(b"\0")[0].decode("latin1")


def descriptor_name(descriptor):
    # A context descriptor: flags (4 bytes), parent (4), then the name as a relative pointer.
    return c_string(descriptor + 8 + word(descriptor + 8, 4, signed=True))


def type_name(metadata):
    kind = word(metadata)
    if kind in (0x200, 0x201, 0x202):          # struct, enum, optional: the descriptor follows
        name = "Optional" if kind == 0x202 else descriptor_name(word(metadata + 8))
        argument = word(metadata + 16)         # the first generic argument, when there is one
        try:
            if word(argument) in (0x200, 0x201, 0x202):
                name += "<" + descriptor_name(word(argument + 8)) + ">"
        except gdb.MemoryError:
            pass
        return name
    if kind > 0x7ff:                           # a class: its isa pointer, descriptor at +0x40
        return "class " + descriptor_name(word(metadata + 0x40))
    return "metadata kind %#x" % kind


class Outer(gdb.Breakpoint):
    def stop(self):
        frame = gdb.selected_frame()
        # The result is returned through a hidden pointer in rdi: the type is rsi, the protocol rdx.
        state["type"] = int(frame.read_register("rsi"))
        state["protocol"] = int(frame.read_register("rdx"))
        state["told"] = False
        return False


class Record(gdb.Breakpoint):
    def stop(self):
        if state["told"]:
            return False
        state["told"] = True
        try:
            conforming = type_name(state["type"])
        except gdb.MemoryError:
            conforming = "?"
        callers, frame = [], gdb.selected_frame()
        while frame is not None and len(callers) < DEPTH:
            name = frame.name() or ""
            if name.startswith("$s"):
                callers.append(name)
            frame = frame.older()
        gdb.write("scan %s : %s  <- %s\n" % (conforming, descriptor_name(state["protocol"]), " <- ".join(callers)))
        return False


Outer("*" + OUTER)
Record("*" + RECORD)
